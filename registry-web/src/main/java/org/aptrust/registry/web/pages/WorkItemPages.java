package org.aptrust.registry.web.pages;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.web.auth.Viewer;

/** GET /work_items (work_items_view) and GET /work_items/show/:id. */
@Path("/work_items")
@Produces(MediaType.TEXT_HTML)
public class WorkItemPages {

    private final Pages pages;
    private final ListPages lists;

    public WorkItemPages(Pages pages, ListPages lists) {
        this.pages = pages;
        this.lists = lists;
    }

    /** The columns of a work-item table inside another page (the dashboard, a deletion request). */
    static List<Column<WorkItem>> shortColumns(boolean admin) {
        List<Column<WorkItem>> c = new java.util.ArrayList<>(List.of(
                Column.of("Name", WorkItem::name).link(w -> "/work_items/show/" + w.id()),
                Column.of("Action", WorkItem::action),
                Column.of("Stage", WorkItem::stage),
                Column.of("Status", WorkItem::status).styled(w -> "status-" + w.status()),
                Column.time("Processed (UTC)", WorkItem::dateProcessed)));
        if (admin) {
            c.add(2, Column.of("Institution", WorkItem::institutionName));
        }
        return c;
    }

    static ListPage<WorkItem> list(Viewer v, List<FilterField.Option> institutions) {
        String monthAgo = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).toString();
        return ListPage.<WorkItem>builder("Work Items", "/work_items", Lists.WORK_ITEMS)
                .preset("In process, last 30 days", "/work_items?status__in=Pending&status__in=Started"
                        + "&updated_at__gteq=" + monthAgo)
                .preset("Cancelled, failed or suspended, last 30 days", "/work_items?status__in=Cancelled"
                        + "&status__in=Failed&status__in=Suspended&updated_at__gteq=" + monthAgo)
                .preset("Active restorations", "/work_items?action__in=Restore+Object&action__in=Restore+File"
                        + "&action__in=Glacier+Restore&status__in=Pending&status__in=Started")
                .preset("Ingested without an object", "/work_items?action__in=Ingest&status__in=Success"
                        + "&intellectual_object_id__is_null=true")
                .column(Column.of("Name", WorkItem::name).sortable("name").link(w -> "/work_items/show/" + w.id()))
                .column(Column.of("Action", WorkItem::action).sortable("action"))
                .column(Column.of("Stage", WorkItem::stage).sortable("stage"))
                .column(Column.of("Status", WorkItem::status).sortable("status").styled(w -> "status-" + w.status()))
                .columnIf(v.isAdmin(), Column.of("Institution", WorkItem::institutionName).sortable("institution_name"))
                .column(Column.of("Object", WorkItem::objectIdentifier)
                        .link(w -> w.intellectualObjectId() == null ? null
                                : "/objects/show/" + w.intellectualObjectId()))
                .column(Column.bytes("Size", WorkItem::size).sortable("size"))
                .column(Column.time("Processed (UTC)", WorkItem::dateProcessed).sortable("date_processed"))
                .column(Column.time("Updated (UTC)", WorkItem::updatedAt).sortable("updated_at"))
                .filter(FilterField.multi("Action", "action__in", Vocabulary.WORK_ITEM_ACTIONS))
                .filter(FilterField.multi("Stage", "stage__in", Vocabulary.WORK_ITEM_STAGES))
                .filter(FilterField.multi("Status", "status__in", Vocabulary.WORK_ITEM_STATUSES))
                .filter(FilterField.text("Name starts with", "name__starts_with"))
                .filter(FilterField.text("Object identifier", "object_identifier"))
                .filter(FilterField.text("File identifier", "generic_file_identifier"))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .filter(FilterField.select("Storage option", "storage_option",
                        Labels.same(Vocabulary.STORAGE_OPTIONS)))
                .filter(FilterField.yesNo("Needs admin review", "needs_admin_review"))
                .filter(FilterField.date("Processed from", "date_processed__gteq"))
                .filter(FilterField.date("Processed until", "date_processed__lteq"))
                .filter(FilterField.text("User (email)", "user"))
                .filter(FilterField.text("ETag", "etag"))
                .filter(FilterField.text("Alternate identifier", "alt_identifier"))
                .filter(FilterField.text("Bag group identifier", "bag_group_identifier"))
                .filter(FilterField.text("BagIt profile", "bagit_profile_identifier"))
                .filter(FilterField.text("Bucket", "bucket"))
                .filter(FilterField.date("Bag date from", "bag_date__gteq"))
                .filter(FilterField.date("Bag date until", "bag_date__lteq"))
                .filter(FilterField.number("Size at least (bytes)", "size__gteq"))
                .filter(FilterField.number("Size at most (bytes)", "size__lteq"))
                .filter(FilterField.yesNo("Has a worker node", "node__not_null"))
                .build();
    }

    @GET
    public Response list(@Context ContainerRequestContext request) {
        Viewer v = pages.viewer(request);
        return lists.respond(request, v, list(v, v.isAdmin() ? pages.institutionOptions() : List.of()), v.scope(),
                ListSource.of(pages.daos().workItems()));
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Viewer v = pages.viewer(request);
        WorkItem w = Pages.visible(v, id, pages.daos().workItems()::find, null, WorkItem::institutionId);
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Name", w.name())
                .add("Action", w.action())
                .add("Stage", w.stage())
                .styled("Status", w.status(), "status-" + w.status())
                .add("Outcome", w.outcome())
                .add("Note", w.note())
                .link("Institution", w.institutionName(), "/institutions/show/" + w.institutionId())
                .link("Object", w.objectIdentifier(), "/objects/show/" + w.intellectualObjectId())
                .link("File", w.genericFileIdentifier(), "/files/show/" + w.genericFileId())
                .link("Deletion request", w.deletionRequestId(), "/deletions/show/" + w.deletionRequestId())
                .add("Storage option", w.storageOption())
                .add("Bucket", w.bucket())
                .add("ETag", w.etag())
                .add("Size", w.size() == null ? "" : Formats.bytes(w.size()))
                .add("User", w.user())
                .add("Institutional approver", w.instApprover())
                .add("APTrust approver", w.aptrustApprover())
                .add("Bag date (UTC)", Formats.dateTime(w.bagDate()))
                .add("Queued (UTC)", Formats.dateTime(w.queuedAt()))
                .add("Stage started (UTC)", Formats.dateTime(w.stageStartedAt()))
                .add("Processed (UTC)", Formats.dateTime(w.dateProcessed()))
                .add("Retry", Formats.yesNo(w.retry()))
                .add("Needs admin review", Formats.yesNo(w.needsAdminReview()))
                .addIf(v.isAdmin(), "Node", w.node())
                .addIf(v.isAdmin(), "PID", w.pid())
                .add("Created (UTC)", Formats.dateTime(w.createdAt()))
                .add("Updated (UTC)", Formats.dateTime(w.updatedAt()))
                .build();
        return new DetailView(pages.context(request, "Work item " + w.id() + ": " + w.action() + " " + w.name(), v),
                facts, List.of(), List.of(), List.of());
    }
}
