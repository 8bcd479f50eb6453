package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
import io.dropwizard.jackson.Jackson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.admin.WorkItemEdits;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.api.redis.WorkItemStates;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.web.auth.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /work_items (work_items_view) and GET /work_items/show/:id; for APTrust admins, as in the original, the edit
 * form ({@code /work_items/edit/:id}), requeue ({@code /work_items/requeue/:id}) and the preservation workers' state
 * of the item in Redis (shown on the item's page, deleted by {@code /work_items/redis_delete/:id}, listed by
 * {@code /work_items/redis_list}).
 */
@Path("/work_items")
@Produces(MediaType.TEXT_HTML)
public class WorkItemPages {

    private static final Logger LOG = LoggerFactory.getLogger(WorkItemPages.class);
    private static final List<String> COMPLETED = List.of("Success", "Failed", "Cancelled");
    /** At most this many items of the Redis list, as the original's. */
    static final int REDIS_LIST_MAX = 500;

    /** What the admin forms need: the API's rules for changing an item, and the workers' state in Redis. */
    public record Admin(WorkItemEdits edits, WorkItemStates states) {
    }

    private final Pages pages;
    private final ListPages lists;
    private final Admin admin;

    public WorkItemPages(Pages pages, ListPages lists, Admin admin) {
        this.pages = pages;
        this.lists = lists;
        this.admin = admin;
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

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, WorkItemPages::list, pages.lists().workItems());
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
                .dateRange("Processed", "date_processed")
                .filter(FilterField.text("User (email)", "user"))
                .filter(FilterField.text("ETag", "etag"))
                .filter(FilterField.text("Alternate identifier", "alt_identifier"))
                .filter(FilterField.text("Bag group identifier", "bag_group_identifier"))
                .filter(FilterField.text("BagIt profile", "bagit_profile_identifier"))
                .filter(FilterField.text("Bucket", "bucket"))
                .dateRange("Bag date", "bag_date")
                .sizeRange()
                .filter(FilterField.yesNo("Has a worker node", "node__not_null"))
                .build();
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id,
                           @QueryParam("done") String flag) {
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
        List<String> flags = new ArrayList<>();
        if (flag != null && v.isAdmin()) {
            switch (flag) {
                case "requeued" -> flags.add("This item has been requeued: " + Formats.text(w.note()));
                case "redis_deleted" -> flags.add("Redis data for this work item has been deleted.");
                case "saved" -> flags.add("Your changes have been saved.");
                default -> { }
            }
        }
        DetailView view = new DetailView(pages.context(request, "Work item " + w.id() + ": " + w.action() + " "
                + w.name(), v), facts, flags, List.of(), List.of());
        if (!v.isAdmin()) {
            return view;
        }
        view.withLinks(List.of(new DetailView.Action("Edit", "/work_items/edit/" + w.id(), null)));
        if (!COMPLETED.contains(w.status())) {
            List<EditFormView.Choice> stages = WorkItemEdits.requeueStages(w.action(), w.stage()).stream()
                    .map(st -> new EditFormView.Choice(st, st, st.equals(w.stage()))).toList();
            view.withChoiceForms(List.of(new DetailView.ChoiceForm("Requeue", "/work_items/requeue/" + w.id(), "Stage",
                    "Requeue at stage", stages, "back to Pending and published to the stage's queue")));
        }
        return view.withBlocks(List.of(redisBlock(w)));
    }

    /** The workers' state of the item in Redis (admins): its documents, or why there is nothing to show. */
    private DetailView.TextBlock redisBlock(WorkItem w) {
        String title = "Redis data";
        if (!admin.states().configured()) {
            return new DetailView.TextBlock(title, "redis", "Redis is not configured (api.redis.address): the"
                    + " preservation workers' state of this item cannot be shown.", List.of(), List.of());
        }
        WorkItemStates.ItemState state;
        try {
            state = admin.states().read(w.id());
        } catch (WorkItemStates.Unavailable e) {
            LOG.warn("work item {}: {}", w.id(), e.getMessage());
            return new DetailView.TextBlock(title, "redis", e.getMessage(), List.of(), List.of());
        }
        if (!state.exists()) {
            return new DetailView.TextBlock(title, "redis", "Redis (" + admin.states().describe() + ") holds no data"
                    + " for this work item.", List.of(), List.of());
        }
        List<DetailView.Fact> entries = new ArrayList<>();
        state.fields().forEach((field, value) -> entries.add(DetailView.Fact.of(field, prettyJson(value))));
        String note = "From Redis (" + admin.states().describe() + "), as the preservation workers keep it.";
        if (state.fileFields() > 0) {
            note += " Also " + Formats.number(state.fileFields()) + " file record(s), for example: "
                    + String.join(", ", state.sampleFiles()) + ".";
        }
        List<DetailView.Action> actions = COMPLETED.contains(w.status()) || "Ingest".equals(w.action())
                ? List.of(new DetailView.Action("Delete Redis data", "/work_items/redis_delete/" + w.id(),
                "usually only before sending an item back to its first stage, or to clean up after a failure"))
                : List.of();
        return new DetailView.TextBlock(title, "redis", note, entries, actions);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON document indented for reading; anything else as it is. */
    static String prettyJson(String value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(value));
        } catch (java.io.IOException | RuntimeException e) {
            return value;
        }
    }

    // ---- admin forms --------------------------------------------------------------------------------------------

    /** The original's form field names, and the API field each one sets. */
    private static final Map<String, String> FORM_FIELDS = Map.of("Stage", "stage", "Status", "status", "Retry",
            "retry", "NeedsAdminReview", "needs_admin_review", "Note", "note", "Node", "node", "PID", "pid",
            "IntellectualObjectID", "intellectual_object_id");

    @GET
    @Path("edit/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public EditFormView editForm(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        WorkItem w = Pages.visible(v, id, pages.daos().workItems()::find, null, WorkItem::institutionId);
        return editView(request, v, w, values(w), List.of());
    }

    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("edit/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response edit(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id,
                         MultivaluedMap<String, String> form) {
        WorkItem w = Pages.visible(v, id, pages.daos().workItems()::find, null, WorkItem::institutionId);
        Map<String, String> given = values(w);
        given.putAll(EditFormView.submitted(form));
        List<EditFormView.Problem> problems = new ArrayList<>();
        Integer pid = integer(given.get("PID"), "PID", problems);
        Integer objectId = given.getOrDefault("IntellectualObjectID", "").isBlank() ? null
                : integer(given.get("IntellectualObjectID"), "IntellectualObjectID", problems);
        Boolean retry = yesNo(given.get("Retry"), "Retry", problems);
        Boolean review = yesNo(given.get("NeedsAdminReview"), "NeedsAdminReview", problems);
        if (problems.isEmpty()) {
            Map<String, Object> changes = new java.util.HashMap<>();
            changes.put("stage", given.get("Stage"));
            changes.put("status", given.get("Status"));
            changes.put("retry", retry);
            changes.put("needs_admin_review", review);
            changes.put("note", given.get("Note"));
            changes.put("node", given.get("Node"));
            changes.put("pid", pid);
            if (w.intellectualObjectId() == null) {
                changes.put("intellectual_object_id", objectId);
            }
            WorkItemWrites.ItemValues in = edited(w, changes);
            try {
                admin.edits().update(w.id(), in);
                LOG.info("work item {} edited by {}", w.id(), v.email());
                return Response.seeOther(URI.create("/work_items/show/" + w.id() + "?done=saved")).build();
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw new PageException(e.status(), e.getMessage());
                }
                String field = FORM_FIELDS.entrySet().stream().filter(f -> f.getValue().equals(e.field()))
                        .map(Map.Entry::getKey).findFirst().orElse(e.field() == null ? "Stage" : e.field());
                problems.add(new EditFormView.Problem(field, e.getMessage()));
            }
        }
        return Response.status(400).entity(editView(request, v, w, given, problems)).build();
    }

    /** Turns a stored item into a work item body: both name their fields as the columns (snake_case). */
    private static final ObjectMapper BODIES = Jackson.newObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The stored item as the body of an update (what the admin API's PUT reads), with the form's fields set
     * under their JSON names: every field the form does not show stays as stored, timestamps to the nanosecond.
     */
    static WorkItemWrites.ItemValues edited(WorkItem stored, Map<String, Object> changes) {
        ObjectNode body = BODIES.valueToTree(stored);
        changes.forEach((field, value) -> body.set(field, BODIES.valueToTree(value)));
        try {
            return BODIES.treeToValue(body, WorkItemWrites.ItemValues.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("work item " + stored.id() + " as a body: " + e.getMessage(), e);
        }
    }

    /** The original's form: {@code Stage} (also read as {@code stage}). */
    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("requeue/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response requeue(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id,
                            MultivaluedMap<String, String> form) {
        WorkItem w = Pages.visible(v, id, pages.daos().workItems()::find, null, WorkItem::institutionId);
        String stage = form == null ? null : form.getFirst("Stage");
        if ((stage == null || stage.isBlank()) && form != null) {
            stage = form.getFirst("stage");
        }
        try {
            WorkQueue.Publication p = admin.edits().requeue(w.id(), stage);
            LOG.info("work item {} requeued at {} by {}: {}", w.id(), stage, v.email(), p.detail());
        } catch (ApiException e) {
            throw new PageException(e.status(), e.getMessage()
                    + (e.allowed() == null ? "" : " Allowed: " + e.allowed() + "."));
        }
        return Response.seeOther(URI.create("/work_items/show/" + w.id() + "?done=requeued")).build();
    }

    /** Deletes the item's hash in Redis (POST from the page's form, or DELETE as the original's route). */
    @POST
    @AlsoAnswers(HttpMethod.DELETE)
    @Path("redis_delete/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response redisDelete(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        WorkItem w = Pages.visible(v, id, pages.daos().workItems()::find, null, WorkItem::institutionId);
        try {
            admin.states().delete(w.id());
        } catch (WorkItemStates.Unavailable e) {
            throw new PageException(503, e.getMessage());
        }
        LOG.info("work item {}: Redis data deleted by {}", w.id(), v.email());
        return Response.seeOther(URI.create("/work_items/show/" + w.id() + "?done=redis_deleted")).build();
    }

    /** The work items that have data in Redis (at most 500, as the original's), newest processed first. */
    @GET
    @Path("redis_list")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response redisList(@Context ContainerRequestContext request, @Auth Viewer v) {
        List<Integer> ids;
        try {
            ids = admin.states().itemIds(REDIS_LIST_MAX);
        } catch (WorkItemStates.Unavailable e) {
            throw new PageException(503, e.getMessage());
        }
        List<WorkItem> items = ids.isEmpty() ? List.of() : pages.daos().workItems().findAll(ids);
        TableModel table = TableModel.of("Work items with data in Redis", shortColumns(true), items, null,
                QueryString.empty(), "", "sort", "page", "No work item has data in Redis.");
        DetailView view = new DetailView(pages.context(request, "Work items with data in Redis", v),
                List.of(DetailView.Fact.of("Redis", admin.states().describe()),
                        DetailView.Fact.of("Work items", items.size())),
                List.of(), List.of(), List.of(DetailView.Section.table("Work items", "redis-items", table)));
        return Response.ok(view).build();
    }

    private EditFormView editView(ContainerRequestContext request, Viewer v, WorkItem w, Map<String, String> values,
                                  List<EditFormView.Problem> problems) {
        List<EditFormView.Field> fields = new ArrayList<>();
        fields.add(EditFormView.select("Stage", "Stage", Labels.same(Vocabulary.WORK_ITEM_STAGES), values, true,
                null));
        fields.add(EditFormView.select("Status", "Status", Labels.same(Vocabulary.WORK_ITEM_STATUSES), values, true,
                null));
        fields.add(EditFormView.select("Retry", "Retry", EditFormView.YES_NO, values, true, null));
        fields.add(EditFormView.select("NeedsAdminReview", "Needs admin review", EditFormView.YES_NO, values, true,
                null));
        fields.add(EditFormView.text("Note", "Note", "text", values, false, null));
        fields.add(EditFormView.text("Node", "Node", "text", values, false, "the worker's host"));
        fields.add(EditFormView.text("PID", "PID", "number", values, false, "the worker's process id"));
        if (w.intellectualObjectId() != null) {
            fields.add(EditFormView.fixed("IntellectualObjectID", "Intellectual object", w.objectIdentifier()
                    + " (" + w.intellectualObjectId() + ")"));
        } else {
            List<FilterField.Option> candidates = "Ingest".equals(w.action()) && "Success".equals(w.status())
                    ? pages.daos().workItems().ingestedObject(w.id()).stream()
                    .map(o -> new FilterField.Option(String.valueOf(o.id()), o.identifier())).toList()
                    : List.of();
            if (!candidates.isEmpty()) {
                fields.add(EditFormView.select("IntellectualObjectID", "Intellectual object", candidates, values,
                        false, "This successful ingest has no object, but the object listed has its identifier"
                                + " and etag: choose it to link them."));
            }
        }
        return new EditFormView(pages.context(request, "Edit work item " + w.id() + ": " + w.action() + " "
                + w.name(), v), "/work_items/edit/" + w.id(), "Save", "Admins only: the other fields of a work"
                + " item never change here.", fields, problems);
    }

    private static Map<String, String> values(WorkItem w) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("Stage", Formats.text(w.stage()));
        m.put("Status", Formats.text(w.status()));
        m.put("Retry", String.valueOf(Boolean.TRUE.equals(w.retry())));
        m.put("NeedsAdminReview", String.valueOf(Boolean.TRUE.equals(w.needsAdminReview())));
        m.put("Note", Formats.text(w.note()));
        m.put("Node", Formats.text(w.node()));
        m.put("PID", w.pid() == null ? "0" : String.valueOf(w.pid()));
        m.put("IntellectualObjectID", w.intellectualObjectId() == null ? "" : String.valueOf(w.intellectualObjectId()));
        return m;
    }

    private static Integer integer(String raw, String field, List<EditFormView.Problem> problems) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return 0;
        }
        if (!s.matches("\\d{1,9}")) {
            problems.add(new EditFormView.Problem(field, "must be a whole number of 0 or more, not '" + raw + "'"));
            return null;
        }
        return Integer.parseInt(s);
    }

    /** The original's yes/no lists send true/false; yes/no and 1/0 are read too. */
    private static Boolean yesNo(String raw, String field, List<EditFormView.Problem> problems) {
        String s = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "" -> false;
            default -> {
                problems.add(new EditFormView.Problem(field, "must be yes or no, not '" + raw + "'"));
                yield null;
            }
        };
    }
}
