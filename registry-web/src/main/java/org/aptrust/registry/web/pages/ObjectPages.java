package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.queue.Restorations;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.ObjectFilesDao;
import org.aptrust.registry.db.dao.WriteConflictException;
import org.aptrust.registry.db.list.Filter;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Sort;
import org.aptrust.registry.db.model.FileFormatTotal;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.ObjectDetail;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.workflows.DeletionWorkflow;
import org.aptrust.registry.web.workflows.WorkflowRefusal;
import org.jdbi.v3.core.Jdbi;

/** GET /objects (intellectual_objects_view) and GET /objects/show/:id, by id or identifier. */
@Path("/objects")
@Produces(MediaType.TEXT_HTML)
public class ObjectPages {

    private final Pages pages;
    private final ListPages lists;
    private final Jdbi jdbi;
    /** The object page's file list: a replica's when the request may read one. */
    private final Jdbi reads;
    private final WorkQueue queue;
    private final IntellectualObjectWrites writes;
    private final DeletionWorkflow deletions;

    public ObjectPages(Pages pages, ListPages lists, Jdbi jdbi, Jdbi reads, WorkQueue queue,
                       DeletionWorkflow deletions) {
        this.pages = pages;
        this.lists = lists;
        this.jdbi = jdbi;
        this.reads = reads;
        this.queue = queue;
        this.writes = jdbi.onDemand(IntellectualObjectWrites.class);
        this.deletions = deletions;
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, ObjectPages::list, pages.lists().objects());
    }

    static ListPage<IntellectualObject> list(Viewer v, List<FilterField.Option> institutions) {
        return ListPage.<IntellectualObject>builder("Objects", "/objects", Lists.OBJECTS)
                .column(Column.of("Identifier", (IntellectualObject o) -> o.values().identifier())
                        .sortable("identifier")
                        .link(o -> "/objects/show/" + o.id()))
                .column(Column.of("Title", (IntellectualObject o) -> o.values().title()))
                .columnIf(v.isAdmin(), Column.of("Institution", IntellectualObject::institutionName))
                .column(Column.of("Storage option", (IntellectualObject o) -> o.values().storageOption())
                        .sortable("storage_option"))
                .column(Column.number("Files", IntellectualObject::fileCount).sortable("file_count"))
                .column(Column.bytes("Size", IntellectualObject::size).sortable("size"))
                .column(Column.time("Updated (UTC)", IntellectualObject::updatedAt).sortable("updated_at"))
                .column(Column.of("State", (IntellectualObject o) -> Labels.state(o.values().state()))
                        .styled(o -> "state-" + o.values().state()))
                .filter(FilterField.text("Identifier starts with", "identifier__starts_with"))
                .filter(FilterField.text("Alternate identifier starts with", "alt_identifier__starts_with"))
                .filter(FilterField.text("Bag group starts with", "bag_group_identifier__starts_with"))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .filter(FilterField.select("State", "state", Labels.states()))
                .filter(FilterField.select("Storage option", "storage_option",
                        Labels.same(Vocabulary.STORAGE_OPTIONS)))
                .filter(FilterField.select("Access", "access", Labels.same(Vocabulary.ACCESS)))
                .dateRange("Created", "created_at")
                .dateRange("Updated", "updated_at")
                .sizeRange()
                .filter(FilterField.number("Files at least", "file_count__gteq"))
                .redirectOnSingleMatch(Set.of("identifier", "identifier__starts_with"), o -> "/objects/show/" + o.id())
                .build();
    }

    @GET
    @Path("show/{id: .+}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        IntellectualObject o = visibleObject(v, id);
        IntellectualObjectWrites.ObjectValues w = o.values();
        ObjectDetail detail = pages.daos().objects().detail(o.id()).orElseThrow(PageException::notFound);
        QueryString query = QueryString.of(request.getUriInfo().getQueryParameters());
        String path = "/objects/show/" + o.id();

        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Identifier", w.identifier())
                .add("Title", w.title())
                .add("Description", w.description())
                .add("Alternate identifier", w.altIdentifier())
                .add("Bag name", w.bagName())
                .add("Bag group", w.bagGroupIdentifier())
                .link("Institution", o.institutionName(), "/institutions/show/" + w.institutionId())
                .add("Access", w.access())
                .add("Storage option", w.storageOption())
                .styled("State", Labels.state(w.state()), "state-" + w.state())
                .add("Active files", Formats.number(o.fileCount()))
                .add("Size", Formats.bytes(o.size()) + " (" + Formats.number(o.size()) + " bytes)")
                .add("Payload files", Formats.number(o.payloadFileCount()))
                .add("Payload size", Formats.bytes(o.payloadSize()))
                .add("ETag", w.etag())
                .add("BagIt profile", w.bagitProfileIdentifier())
                .add("Source organization", w.sourceOrganization())
                .add("Internal sender identifier", w.internalSenderIdentifier())
                .add("Internal sender description", w.internalSenderDescription())
                .add("Created (UTC)", Formats.dateTime(o.createdAt()))
                .add("Updated (UTC)", Formats.dateTime(o.updatedAt()))
                .link("Work items", "Work items for this object", "/work_items?intellectual_object_id=" + o.id())
                .link("Events", "All events for this object", "/events?intellectual_object_id=" + o.id())
                .build();
        List<String> flags = detail.pendingWorkItems()
                ? List.of("Work items for this object are in progress: restore and delete must wait for them.")
                : List.of();
        List<DetailView.Action> actions = new ArrayList<>();
        if ("A".equals(w.state()) && !detail.pendingWorkItems()) {
            if (mayRestore(v, w.institutionId())) {
                actions.add(new DetailView.Action("Restore this object", "/objects/init_restore/" + o.id(),
                        "The preservation services copy the bag to your institution's restoration bucket."));
            }
            if (mayRequestDeletion(v, w.institutionId())) {
                actions.add(DetailView.Action.page("Delete this object", "/objects/request_delete/" + o.id(),
                        "Shows what would be deleted and asks to confirm; an institutional admin must approve."));
            }
        }

        List<DetailView.Section> sections = new ArrayList<>();
        sections.add(formats(detail));
        sections.add(files(v, o, query, path));
        sections.add(events(v, o, query, path));
        return new DetailView(pages.context(request, "Object " + w.identifier(), v), facts, flags, actions,
                sections);
    }

    /** Admins, and the users of the institution (institutional admins and users, as in the original). */
    static boolean mayRestore(Viewer v, Integer institutionId) {
        return v.isAdmin() || v.maySee(institutionId);
    }

    /** Asks to confirm a restoration of the object: what comes back, and where. */
    @GET
    @Path("request_restore/{id}")
    public ConfirmView requestRestore(@Context ContainerRequestContext request, @Auth Viewer v,
                                      @PathParam("id") String id) {
        IntellectualObject o = visibleObject(v, id);
        if (!mayRestore(v, o.values().institutionId())) {
            throw PageException.forbidden();
        }
        if (!"A".equals(o.values().state())) {
            throw new PageException(409, "Object " + o.values().identifier() + " is deleted: only active objects can be"
                    + " restored.");
        }
        return new ConfirmView(pages.context(request, "Restore object " + o.values().identifier() + "?", v),
                "The preservation services copy the bag to your institution's restoration bucket; the work item"
                        + " shows their progress, and a \"Restoration Completed\" alert says when it is there.",
                new DetailView.Facts().link("Object", o.values().identifier(), "/objects/show/" + o.id())
                        .add("Active files", Formats.number(o.fileCount()))
                        .add("Size", Formats.bytes(o.size()))
                        .add("Storage option", o.values().storageOption()).build(),
                List.of(), List.of(ConfirmView.Form.of("/objects/init_restore/" + o.id(), "Restore object")));
    }

    /** Only institutional admins ask for deletions, of their own institution's files and objects (not APTrust). */
    static boolean mayRequestDeletion(Viewer v, Integer institutionId) {
        return v.isInstitutionalAdmin() && v.maySee(institutionId);
    }

    private IntellectualObject deletable(Viewer v, String id) {
        IntellectualObject o = visibleObject(v, id);
        if (!mayRequestDeletion(v, o.values().institutionId())) {
            throw PageException.forbidden();
        }
        return o;
    }

    /** What deleting the object would delete (its active files and their size), and a button to ask for it. */
    @GET
    @Path("request_delete/{id}")
    public ConfirmView requestDelete(@Context ContainerRequestContext request, @Auth Viewer v,
                                     @PathParam("id") String id) {
        IntellectualObject o = deletable(v, id);
        DeletionWorkflow.Contents contents;
        try {
            contents = deletions.previewObject(v.id(), o.id());
        } catch (WorkflowRefusal e) {
            throw PageException.of(e);
        }
        return new ConfirmView(pages.context(request, "Delete object " + o.values().identifier() + "?", v),
                "Asking for this deletion alerts and emails your institution's institutional admins; nothing is"
                        + " deleted until one of them approves it.",
                new DetailView.Facts().link("Object", o.values().identifier(), "/objects/show/" + o.id())
                        .add("Storage option", o.values().storageOption()).build(),
                DeletionWorkflow.describe(contents),
                List.of(ConfirmView.Form.of("/objects/init_delete/" + o.id(), "Request deletion")));
    }

    /** Asks for the object's deletion, then shows the new request. */
    @POST
    @Path("init_delete/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response initDelete(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        IntellectualObject o = deletable(v, id);
        try {
            long requestId = deletions.requestObjects(v.id(), o.values().institutionId(), List.of(o.id()));
            return Response.seeOther(URI.create("/deletions/show/" + requestId)).build();
        } catch (WorkflowRefusal e) {
            throw PageException.of(e);
        }
    }

    /**
     * Asks for the object's restoration (the original's request_restore / init_restore), then shows the new work
     * item. 403 for anyone who may not; 409 when the object is deleted or has unfinished work.
     */
    @POST
    @Path("init_restore/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response initRestore(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        IntellectualObject o = visibleObject(v, id);
        if (!mayRestore(v, o.values().institutionId())) {
            throw PageException.forbidden();
        }
        int itemId;
        try {
            itemId = Restorations.request(writes, queue, o.id(), o.values().storageOption(), v.email());
        } catch (WriteConflictException e) {
            throw new PageException(409, e.getMessage());
        }
        return Response.seeOther(URI.create("/work_items/show/" + itemId)).build();
    }

    /**
     * The original's GET /objects/files/:id: one page of the object's files as an HTML fragment, read as the object
     * page's panel is. Takes the original's parameters ({@code page}, {@code per_page}, {@code state},
     * {@code file_filter}) as well as the panel's own; its pager and search stay on this URL.
     */
    @GET
    @Path("files/{id: .+}")
    public FragmentView filesFragment(@Context ContainerRequestContext request, @Auth Viewer v,
                                      @PathParam("id") String id) {
        IntellectualObject o = visibleObject(v, id);
        QueryString q = fragmentQuery(request, "file_", "state");
        return FragmentView.section(files(v, o, q, "/objects/files/" + o.id()));
    }

    /**
     * The original's GET /objects/events/:id: one page of the object's object-level events as an HTML fragment
     * ({@code page}, {@code per_page}, or the panel's own parameters).
     */
    @GET
    @Path("events/{id: .+}")
    public FragmentView eventsFragment(@Context ContainerRequestContext request, @Auth Viewer v,
                                       @PathParam("id") String id) {
        IntellectualObject o = visibleObject(v, id);
        QueryString q = fragmentQuery(request, "event_");
        return FragmentView.section(events(v, o, q, "/objects/events/" + o.id()));
    }

    /** The object a URL names (id or identifier), if the viewer may see it; else 404. */
    private IntellectualObject visibleObject(Viewer v, String id) {
        return Pages.visible(v, id, pages.daos().objects()::find, pages.daos().objects()::findByIdentifier,
                o -> o.values().institutionId());
    }

    /** The original's fragment parameters ({@code page}, {@code per_page}, ...) under the panel's prefixed names. */
    private static QueryString fragmentQuery(ContainerRequestContext request, String prefix, String... more) {
        QueryString q = QueryString.of(request.getUriInfo().getQueryParameters());
        List<String> plain = new ArrayList<>(List.of("page", "per_page"));
        plain.addAll(List.of(more));
        for (String name : plain) {
            String value = q.first(name);
            if (value != null && q.first(prefix + name) == null) {
                q = q.with(prefix + name, value);
            }
            q = q.without(name);
        }
        return q;
    }

    private static DetailView.Section formats(ObjectDetail detail) {
        List<FileFormatTotal> formats = detail.formats();
        List<Column<FileFormatTotal>> columns = List.of(
                Column.of("Format", (FileFormatTotal f) -> f.fileFormat() == null ? "(none)" : f.fileFormat()),
                Column.number("Files", FileFormatTotal::fileCount),
                Column.bytes("Size", FileFormatTotal::totalBytes));
        List<FileFormatTotal> withTotal = new ArrayList<>(formats);
        withTotal.add(new FileFormatTotal("Total", detail.total().fileCount(), detail.total().totalBytes()));
        TableModel numbers = TableModel.of("Formats of the active files", columns, withTotal, null,
                QueryString.empty(), "", "sort", "page", "This object has no active files.");
        ChartModel chart = new ChartModel("formats-chart", "doughnut", "Active files by format", null,
                formats.stream().map(f -> f.fileFormat() == null ? "(none)" : f.fileFormat()).toList(),
                List.of(new ChartModel.Series("Files", formats.stream().map(f -> (Number) f.fileCount()).toList())));
        return DetailView.Section.chart("Formats", "formats", chart, numbers, true);
    }

    private DetailView.Section files(Viewer v, IntellectualObject o, QueryString query, String path) {
        String state = "D".equals(query.first("file_state")) ? "D" : "A";
        String search = query.first("file_filter");
        int page = Pages.intParam(query.first("file_page"), 1, Integer.MAX_VALUE);
        int perPage = Pages.intParam(query.first("file_per_page"), 20, 100);
        // Without a search the panel is the files list of this object in this state, through the list engine (which
        // reads the object's files first and sorts them, whatever the object's size); a search is the original's
        // identifier-or-digest match, which the list filters cannot say.
        Page<GenericFile> files = search == null || search.isBlank()
                ? pages.lists().files().list(new ListQuery(List.of(
                        new Filter("intellectual_object_id", Op.EQ, List.of(o.id())),
                        new Filter("state", Op.EQ, List.of(state))), List.of(Sort.asc("identifier")), page, perPage,
                        v.scope()))
                : reads.onDemand(ObjectFilesDao.class).files(o.id(), state, search, page, perPage);
        List<Column<GenericFile>> columns = List.of(
                Column.of("Identifier", GenericFile::identifier).link(f -> "/files/show/" + f.id()),
                Column.of("Format", GenericFile::fileFormat),
                Column.bytes("Size", GenericFile::size),
                Column.time("Last fixity check (UTC)", GenericFile::lastFixityCheck),
                Column.of("State", (GenericFile f) -> Labels.state(f.state())).styled(f -> "state-" + f.state()));
        QueryString q = query.nonEmpty();
        TableModel table = TableModel.of("Files of " + o.values().identifier(), columns, files.results(), null, q, path,
                "sort", "file_page", "No files match.");
        FilterFormModel form = FilterFormModel.of(path + "#files", List.of(
                FilterField.text("Identifier contains, or checksum", "file_filter"),
                FilterField.choice("State", "file_state", Labels.states())), query);
        return DetailView.Section.table("Files", "files", table)
                .withPager(PagerModel.of("Files", files, q, path, "file_page", "file_per_page"))
                .withSearch(form);
    }

    private DetailView.Section events(Viewer v, IntellectualObject o, QueryString query, String path) {
        int page = Pages.intParam(query.first("event_page"), 1, Integer.MAX_VALUE);
        int perPage = Pages.intParam(query.first("event_per_page"), 20, 100);
        ListQuery q = new ListQuery(List.of(new Filter("intellectual_object_id", Op.EQ, List.of(o.id())),
                new Filter("generic_file_id", Op.IS_NULL, List.of())), List.of(Sort.desc("date_time")), page, perPage,
                v.scope());
        Page<PremisEvent> events = pages.lists().events().list(q);
        QueryString shown = query.nonEmpty();
        TableModel table = TableModel.of("Object-level events", EventPages.shortColumns(), events.results(), null,
                shown, path, "sort", "event_page", "No object-level events.");
        return DetailView.Section.table("Object-level events", "events", table)
                .withPager(PagerModel.of("Events", events, shown, path, "event_page", "event_per_page"));
    }
}
