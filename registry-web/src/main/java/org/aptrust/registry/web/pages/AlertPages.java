package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.AlertReadDao;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /alerts (alerts_view: one row per alert and recipient), GET /alerts/show/:id/:user_id (viewing one's own
 * alert marks it read), and POST /alerts/mark_as_read, /alerts/mark_as_unread, /alerts/mark_all_as_read, which
 * only ever touch the signed-in user's own rows. Non-admins see only the alerts sent to them.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertPages {

    private final Pages pages;
    private final ListPages lists;
    private final Jdbi jdbi;

    public AlertPages(Pages pages, ListPages lists, Jdbi jdbi) {
        this.pages = pages;
        this.lists = lists;
        this.jdbi = jdbi;
    }

    static String showPath(Alert a) {
        return "/alerts/show/" + a.id() + "/" + a.userId();
    }

    /** Admins see every recipient's rows; everyone else their own. */
    static Scope scope(Viewer v) {
        return v.isAdmin() ? Scope.ALL : new Scope(v.scope().institutionId(), v.id());
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, list(v, v.isAdmin() ? pages.institutionOptions() : List.of(),
                        v.isAdmin() ? pages.userOptions() : List.of()), scope(v),
                pages.lists().alerts());
    }

    static ListPage<Alert> list(Viewer v, List<FilterField.Option> institutions, List<FilterField.Option> users) {
        return ListPage.<Alert>builder("Alerts", "/alerts", Lists.ALERTS)
                .column(Column.checkbox("Select", "id__in",
                        (Alert a) -> a.userId() != null && a.userId() == v.id() ? a.id() : null))
                .column(Column.of("Type", Alert::type).sortable("type").link(AlertPages::showPath)
                        .styled(a -> a.readAt() == null ? "unread" : ""))
                .column(Column.of("Subject", Alert::subject))
                .columnIf(v.isAdmin(), Column.of("Recipient", Alert::userName).sortable("user_name"))
                .columnIf(v.isAdmin(), Column.of("Institution", Alert::institutionName))
                .column(Column.time("Created (UTC)", Alert::createdAt).sortable("created_at"))
                .column(Column.time("Read (UTC)", Alert::readAt).sortable("read_at"))
                .filter(FilterField.select("Type", "type", Labels.same(Labels.ALERT_TYPES)))
                .filter(FilterField.select("Read", "read_at__is_null", List.of(
                        new FilterField.Option("true", "Unread"), new FilterField.Option("false", "Read"))))
                .dateRange("Created", "created_at")
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .filterIf(v.isAdmin(), FilterField.select("Recipient", "user_id", users))
                .bulkAction("Mark as read", "/alerts/mark_as_read")
                .bulkAction("Mark as unread", "/alerts/mark_as_unread")
                .bulkAction("Mark all as read", "/alerts/mark_all_as_read")
                .build();
    }

    @GET
    @Path("show/{id}/{userId}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id,
                           @PathParam("userId") String userId) {
        if (!id.matches("\\d{1,18}") || !userId.matches("\\d{1,9}")) {
            throw PageException.notFound();
        }
        int recipient = Integer.parseInt(userId);
        if (!v.isAdmin() && recipient != v.id()) {
            throw PageException.notFound();
        }
        long alertId = Long.parseLong(id);
        if (recipient == v.id()) {
            jdbi.useExtension(AlertReadDao.class, dao -> dao.markRead(v.id(), List.of(alertId)));
        }
        Alert a = pages.daos().alerts().find(alertId, recipient).orElseThrow(PageException::notFound);
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Type", a.type())
                .add("Subject", a.subject())
                .link("Institution", a.institutionName(), "/institutions/show/" + a.institutionId())
                .add("Recipient", a.userName() + " <" + a.userEmail() + ">")
                .add("Created (UTC)", Formats.dateTime(a.createdAt()))
                .add("Sent (UTC)", Formats.dateTime(a.sentAt()))
                .add("Read (UTC)", Formats.dateTime(a.readAt()))
                .link("Deletion request", a.deletionRequestId(), "/deletions/show/" + a.deletionRequestId())
                .add("Content", a.content())
                .build();
        List<DetailView.Action> actions = recipient == v.id()
                ? List.of(new DetailView.Action("Mark as unread", "/alerts/mark_as_unread?id__in=" + a.id(), null))
                : List.of();
        return new DetailView(pages.context(request, "Alert: " + a.subject(), v), facts, List.of(), actions,
                List.of());
    }

    /** POST /alerts/mark_as_read or /alerts/mark_as_unread, from the list's bulk-action form or an alert's page. */
    @POST
    @Path("{marking: mark_as_read|mark_as_unread}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mark(@Context ContainerRequestContext request, @Auth Viewer v,
                         @PathParam("marking") String marking, MultivaluedMap<String, String> form) {
        return mark(request, v, form, marking(marking));
    }

    /** The original's answer to its XHR marks: the ids marked, the ids that are not the caller's, a message. */
    public record MarkResult(List<Long> succeeded, List<Long> failed, String error) {
    }

    /**
     * PUT /alerts/mark_as_read or /alerts/mark_as_unread, as the original's page scripts send it (form
     * {@code id__in} or {@code id__in[]}, the CSRF token in the form or the X-CSRF-Token header): marks the caller's
     * own copies and answers JSON {@code {"succeeded", "failed", "error"}}; 404 when some ids are not alerts to the
     * caller, 400 without ids.
     */
    @PUT
    @Path("{marking: mark_as_read|mark_as_unread}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response markJson(@Context ContainerRequestContext request, @Auth Viewer v,
                             @PathParam("marking") String marking, MultivaluedMap<String, String> form) {
        return markJson(request, v, form, marking(marking));
    }

    private static Marking marking(String route) {
        return "mark_as_read".equals(route) ? AlertReadDao::markRead : AlertReadDao::markUnread;
    }

    private Response markJson(ContainerRequestContext request, Viewer v, MultivaluedMap<String, String> form,
                              Marking marking) {
        List<Long> ids;
        try {
            ids = ids(request, form);
        } catch (PageException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new MarkResult(List.of(), List.of(), e.getMessage())).build();
        }
        if (ids.isEmpty()) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new MarkResult(List.of(), List.of(), "Name one or more alerts (id__in).")).build();
        }
        MarkResult result = jdbi.inTransaction(h -> {
            AlertReadDao dao = h.attach(AlertReadDao.class);
            List<Long> own = dao.addressedTo(v.id(), ids);
            if (!own.isEmpty()) {
                marking.apply(dao, v.id(), own);
            }
            List<Long> failed = ids.stream().distinct().filter(i -> !own.contains(i)).toList();
            return new MarkResult(own, failed, failed.isEmpty() ? ""
                    : "No alert to you with id " + failed.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ".");
        });
        return Response.status(result.failed().isEmpty() ? 200 : 404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result).build();
    }

    /** What a mark operation does to the caller's own rows for the given alert ids. */
    private interface Marking {
        void apply(AlertReadDao dao, int userId, List<Long> alertIds);
    }

    /** Marks the posted alert ids for the signed-in user only, then goes back where the form came from. */
    private Response mark(ContainerRequestContext request, Viewer v, MultivaluedMap<String, String> form,
                          Marking marking) {
        List<Long> ids = ids(request, form);
        if (!ids.isEmpty()) {
            jdbi.useExtension(AlertReadDao.class, dao -> marking.apply(dao, v.id(), ids));
        }
        return back(form);
    }

    @POST
    @Path("mark_all_as_read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markAllRead(@Context ContainerRequestContext request, @Auth Viewer v,
                                MultivaluedMap<String, String> form) {
        jdbi.useExtension(AlertReadDao.class, dao -> dao.markAllRead(v.id()));
        return back(form);
    }

    /** The alert ids of the form (id__in, or the original's id__in[]) or of the query string. */
    private static List<Long> ids(ContainerRequestContext request, MultivaluedMap<String, String> form) {
        List<String> raw = new ArrayList<>();
        for (String key : List.of("id__in", "id__in[]")) {
            if (form != null && form.get(key) != null) {
                raw.addAll(form.get(key));
            }
            List<String> q = request.getUriInfo().getQueryParameters().get(key);
            if (q != null) {
                raw.addAll(q);
            }
        }
        List<Long> ids = new ArrayList<>();
        for (String s : raw) {
            if (!s.strip().matches("\\d{1,18}")) {
                throw PageException.badRequest("'" + s + "' is not an alert id.");
            }
            ids.add(Long.parseLong(s.strip()));
        }
        return ids;
    }

    private static Response back(MultivaluedMap<String, String> form) {
        String back = form == null ? null : form.getFirst("back");
        String to = back != null && back.startsWith("/alerts") && !back.startsWith("//") ? back : "/alerts";
        return Response.seeOther(URI.create(SessionPages.safeNext(to))).build();
    }
}
