package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.DeletionWrites;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.DeletionDetail;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.workflows.DeletionWorkflow;
import org.aptrust.registry.web.workflows.WorkflowRefusal;

/**
 * GET /deletions/ (deletion_requests_view) and GET /deletions/show/:id, read-only; the emailed review link
 * (GET /deletions/review/:id?token=...) and its two buttons, POST /deletions/approve/:id and POST
 * /deletions/cancel/:id, each with the token in the form.
 */
@Path("/deletions")
@Produces(MediaType.TEXT_HTML)
public class DeletionPages {

    private final Pages pages;
    private final ListPages lists;
    private final DeletionWorkflow workflow;

    public DeletionPages(Pages pages, ListPages lists, DeletionWorkflow workflow) {
        this.pages = pages;
        this.lists = lists;
        this.workflow = workflow;
    }

    /**
     * What the request would delete, with Approve and Cancel while it waits for a decision; once decided, who
     * decided and when. Refused for a wrong token (403), anyone but an institutional admin of the institution
     * (403) and an expired request (410).
     */
    @GET
    @Path("review/{id}")
    public ConfirmView review(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") long id,
                              @QueryParam("token") String token) {
        DeletionWorkflow.Review r = decide(() -> workflow.review(id, token, v.id()));
        DeletionWrites.RequestState state = r.request();
        List<DetailView.Fact> facts = new DetailView.Facts()
                .link("Request", "Deletion request " + id, "/deletions/show/" + id)
                .add("Requested by", person(r.requester().name(), r.requester().email()))
                .add("Requested (UTC)", Formats.dateTime(state.requestedAt()))
                .add("Open until (UTC)", Formats.dateTime(r.expiresAt()))
                .build();
        List<String> items = DeletionWorkflow.describe(r.contents());
        String title = "Review deletion request " + id;
        if (state.confirmedAt() != null) {
            return new ConfirmView(pages.context(request, title, v), "This request was already approved on "
                    + Formats.dateTime(state.confirmedAt()) + " UTC.", facts, items, List.of());
        }
        if (state.cancelledAt() != null) {
            return new ConfirmView(pages.context(request, title, v), "This request was cancelled on "
                    + Formats.dateTime(state.cancelledAt()) + " UTC.", facts, items, List.of());
        }
        if (state.expired()) {
            throw new PageException(410, "Deletion request " + id + " expired on "
                    + Formats.dateTime(r.expiresAt()) + " UTC without a decision. Ask for the deletion again.");
        }
        List<ConfirmView.Hidden> hidden = List.of(new ConfirmView.Hidden("token", token));
        return new ConfirmView(pages.context(request, title, v), "Approving deletes the following for good once"
                + " the preservation services have carried it out. Cancelling keeps everything.", facts, items,
                List.of(new ConfirmView.Form("/deletions/approve/" + id, "Approve deletion", "", hidden),
                        new ConfirmView.Form("/deletions/cancel/" + id, "Cancel request", "secondary", hidden)));
    }

    @POST
    @Path("approve/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public ConfirmView approve(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") long id,
                               @FormParam("token") String token) {
        DeletionWorkflow.Decision d = decide(() -> workflow.approve(id, token, v.id()));
        List<DetailView.Fact> facts = new ArrayList<>();
        facts.add(DetailView.Fact.link("Request", "Deletion request " + id, "/deletions/show/" + id));
        for (int item : d.workItemIds()) {
            facts.add(DetailView.Fact.link("Work item", "Delete work item " + item, "/work_items/show/" + item));
        }
        return new ConfirmView(pages.context(request, "Deletion approved", v), "You approved deletion request "
                + id + ". The preservation services will delete the following; the work items show their progress.",
                facts, DeletionWorkflow.describe(d.contents()), List.of());
    }

    @POST
    @Path("cancel/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public ConfirmView cancel(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") long id,
                              @FormParam("token") String token) {
        DeletionWorkflow.Decision d = decide(() -> workflow.cancel(id, token, v.id()));
        return new ConfirmView(pages.context(request, "Deletion cancelled", v), "You cancelled deletion request "
                + id + ". Nothing will be deleted.",
                List.of(DetailView.Fact.link("Request", "Deletion request " + id, "/deletions/show/" + id)),
                DeletionWorkflow.describe(d.contents()), List.of());
    }

    /** Pending until an admin of the institution approves or cancels it. */
    static String status(DeletionRequest r) {
        if (r.cancelledAt() != null) {
            return "Cancelled";
        }
        return r.confirmedAt() != null ? "Approved" : "Pending";
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, DeletionPages::list, pages.lists().deletions());
    }

    static ListPage<DeletionRequest> list(Viewer v, List<FilterField.Option> institutions) {
        return ListPage.<DeletionRequest>builder("Deletion Requests", "/deletions/", Lists.DELETIONS)
                .column(Column.of("Id", DeletionRequest::id).link(r -> "/deletions/show/" + r.id()))
                .columnIf(v.isAdmin(), Column.of("Institution", DeletionRequest::institutionName))
                .column(Column.of("Requested by", DeletionRequest::requestedByName).sortable("requested_by_name"))
                .column(Column.time("Requested (UTC)", DeletionRequest::requestedAt).sortable("requested_at"))
                .column(Column.number("Files", DeletionRequest::fileCount).sortable("file_count"))
                .column(Column.number("Objects", DeletionRequest::objectCount).sortable("object_count"))
                .column(Column.of("Approved by", DeletionRequest::confirmedByName))
                .column(Column.time("Approved (UTC)", DeletionRequest::confirmedAt).sortable("confirmed_at"))
                .column(Column.of("Cancelled by", DeletionRequest::cancelledByName))
                .column(Column.time("Cancelled (UTC)", DeletionRequest::cancelledAt).sortable("cancelled_at"))
                .column(Column.of("Status", DeletionPages::status))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .dateRange("Requested", "requested_at")
                .filter(FilterField.yesNo("Approved", "confirmed_at__not_null"))
                .filter(FilterField.yesNo("Cancelled", "cancelled_at__not_null"))
                .filter(FilterField.select("Work item stage", "stage", Labels.same(Vocabulary.WORK_ITEM_STAGES)))
                .filter(FilterField.select("Work item status", "status",
                        Labels.same(Vocabulary.WORK_ITEM_STATUSES)))
                .csvName("deletions")
                .build();
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        DeletionRequest r = Pages.visible(v, id, i -> pages.daos().deletions().find(i), null,
                DeletionRequest::institutionId);
        DeletionDetail d = pages.daos().deletions().detail(r.id()).orElseThrow(PageException::notFound);
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Status", status(r))
                .link("Institution", r.institutionName(), "/institutions/show/" + r.institutionId())
                .add("Requested by", person(r.requestedByName(), r.requestedByEmail()))
                .add("Requested (UTC)", Formats.dateTime(r.requestedAt()))
                .add("Approved by", person(r.confirmedByName(), r.confirmedByEmail()))
                .add("Approved (UTC)", Formats.dateTime(r.confirmedAt()))
                .add("Cancelled by", person(r.cancelledByName(), r.cancelledByEmail()))
                .add("Cancelled (UTC)", Formats.dateTime(r.cancelledAt()))
                .add("Files", r.fileCount())
                .add("Objects", r.objectCount())
                .build();
        List<DetailView.Section> sections = new ArrayList<>();
        QueryString none = QueryString.empty();
        sections.add(DetailView.Section.table("Objects", "objects", TableModel.of("Objects", List.of(
                        Column.of("Identifier", (IntellectualObject o) -> o.values().identifier())
                                .link(o -> "/objects/show/" + o.id()),
                        Column.of("State", (IntellectualObject o) -> Labels.state(o.values().state()))),
                d.objects(), null, none, "", "sort", "page", "No objects.")));
        sections.add(DetailView.Section.table("Files", "files", TableModel.of("Files", List.of(
                        Column.of("Identifier", GenericFile::identifier).link(f -> "/files/show/" + f.id()),
                        Column.of("State", (GenericFile f) -> Labels.state(f.state()))),
                d.files(), null, none, "", "sort", "page", "No files.")));
        sections.add(DetailView.Section.table("Work items", "work-items", TableModel.of("Work items",
                WorkItemPages.shortColumns(false), d.workItems(), null, none, "", "sort", "page",
                "No work items yet.")));
        return new DetailView(pages.context(request, "Deletion request " + r.id(), v), facts, List.of(), List.of(),
                sections);
    }

    /** Runs a workflow step; its refusal becomes the error page with the refusal's status and message. */
    private static <T> T decide(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (WorkflowRefusal e) {
            throw PageException.of(e);
        }
    }

    private static String person(String name, String email) {
        if (email == null) {
            return "";
        }
        return (name == null ? "" : name + " ") + "<" + email + ">";
    }
}
