package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.AccountWrites;
import org.aptrust.registry.db.dao.UserAuditDao;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.UserAuditEvent;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /users (admins: everyone; institutional admins: their institution's users) and GET /users/show/:id (those,
 * plus anyone's own page, with the account's history); deactivate and reactivate at the original's URLs (never
 * oneself; institutional admins only their institution's non-admin users). Deactivating ends every session.
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class UserPages {

    private static final int HISTORY = 100;

    private final Pages pages;
    private final ListPages lists;
    private final Jdbi jdbi;

    public UserPages(Pages pages, ListPages lists, Jdbi jdbi) {
        this.pages = pages;
        this.lists = lists;
        this.jdbi = jdbi;
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        if (!v.canListUsers()) {
            throw PageException.forbidden();
        }
        return lists.respond(request, v, UserPages::list, pages.lists().users());
    }

    static ListPage<User> list(Viewer v, List<FilterField.Option> institutions) {
        return ListPage.<User>builder("Users", "/users", Lists.USERS)
                .column(Column.of("Name", User::name).sortable("name").link(u -> "/users/show/" + u.id()))
                .column(Column.of("Email", User::email).sortable("email"))
                .columnIf(v.isAdmin(), Column.of("Institution", User::institutionName).sortable("institution_name"))
                .column(Column.of("Role", User::role).sortable("role"))
                .column(Column.time("Last sign-in (UTC)", User::lastSignInAt).sortable("last_sign_in_at"))
                .column(Column.of("Two-factor", (User u) -> Formats.yesNo(u.enabledTwoFactor()))
                        .sortable("enabled_two_factor"))
                .column(Column.time("Deactivated (UTC)", User::deactivatedAt).sortable("deactivated_at"))
                .filter(FilterField.text("Name contains", "name__contains"))
                .filter(FilterField.text("Email contains", "email__contains"))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .filter(FilterField.select("Role", "role", Labels.same(Vocabulary.ROLES)))
                .filter(FilterField.select("Status", "deactivated_at__is_null", List.of(
                        new FilterField.Option("true", "Active"), new FilterField.Option("false", "Deactivated"))))
                .createLinkIf(v.canListUsers(), "New user", "/users/new")
                .build();
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        User u = Pages.visible(v, id, pages.daos().users()::find, null, User::institutionId);
        if (u.id() != v.id() && !v.canListUsers()) {
            throw PageException.forbidden();
        }
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Name", u.name())
                .add("Email", u.email())
                .add("Phone", u.phoneNumber())
                .link("Institution", u.institutionName(), "/institutions/show/" + u.institutionId())
                .add("Role", u.role())
                .add("Deactivated (UTC)", Formats.dateTime(u.deactivatedAt()))
                .add("Sign-ins", u.signInCount())
                .add("Last sign-in (UTC)", Formats.dateTime(u.lastSignInAt()))
                .add("Two-factor enabled", Formats.yesNo(u.enabledTwoFactor()))
                .add("Two-factor confirmed", Formats.yesNo(u.confirmedTwoFactor()))
                .add("Password changed (UTC)", Formats.dateTime(u.passwordChangedAt()))
                .add("Created (UTC)", Formats.dateTime(u.createdAt()))
                .build();
        List<DetailView.Action> actions = new ArrayList<>();
        List<DetailView.Section> sections = new ArrayList<>();
        if (v.canListUsers()) {
            if (u.id() != v.id() && mayManage(v, u)) {
                actions.add(u.deactivatedAt() == null
                        ? new DetailView.Action("Deactivate", "/users/delete/" + u.id(), "ends every session")
                        : new DetailView.Action("Reactivate", "/users/undelete/" + u.id(), null));
            }
            if (mayManage(v, u)) {
                actions.add(new DetailView.Action("Reset password", "/users/init_password_reset/" + u.id(),
                        "emails a link; a new password is required before anything else"));
            }
            if (v.isAdmin() && u.id() != v.id() && (Boolean.TRUE.equals(u.enabledTwoFactor())
                    || Boolean.TRUE.equals(u.confirmedTwoFactor()) || u.authyStatus() != null)) {
                actions.add(new DetailView.Action("Reset two-factor sign-in", "/users/2fa_reset/" + u.id(),
                        "turns it off and ends their sessions, so they can enrol again (a lost phone); mailed"));
            }
        }
        List<Column<UserAuditEvent>> auditColumns = List.of(
                Column.time("When (UTC)", UserAuditEvent::createdAt),
                Column.of("What", UserAuditEvent::action),
                Column.of("By", (UserAuditEvent e) -> e.actorEmail() == null ? "system" : e.actorEmail()),
                Column.of("Detail", UserAuditEvent::detail),
                Column.of("Address", UserAuditEvent::ip));
        sections.add(DetailView.Section.table("Account history", "history", TableModel.of("Account history",
                auditColumns, jdbi.withExtension(UserAuditDao.class, dao -> dao.forUser(u.id(), HISTORY)), null,
                QueryString.empty(), "", "sort", "page", "No changes recorded.")));
        List<DetailView.Action> links = v.canListUsers() && mayManage(v, u)
                ? List.of(new DetailView.Action("Edit", "/users/edit/" + u.id(), null)) : List.of();
        return new DetailView(pages.context(request, u.name() == null ? u.email() : u.name(), v), facts, List.of(),
                actions, sections).withLinks(links);
    }

    /** Admins manage everyone; institutional admins their institution's users, never an APTrust admin. */
    static boolean mayManage(Viewer v, User u) {
        if (v.isAdmin()) {
            return true;
        }
        return v.isInstitutionalAdmin() && v.maySee(u.institutionId()) && !Role.fromDb(u.role()).isAdmin();
    }

    /** The original's DELETE (or POST) /users/delete/:id: deactivates and ends every session; never oneself. */
    @POST
    @AlsoAnswers(HttpMethod.DELETE)
    @Path("delete/{id}")
    public Response deactivate(@Auth Viewer v, @Context HttpServletRequest servlet, @PathParam("id") String id) {
        return setActive(servlet, v, id, false);
    }

    /** The original's POST (or PUT) /users/undelete/:id. */
    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("undelete/{id}")
    public Response reactivate(@Auth Viewer v, @Context HttpServletRequest servlet, @PathParam("id") String id) {
        return setActive(servlet, v, id, true);
    }

    private Response setActive(HttpServletRequest servlet, Viewer v, String id, boolean active) {
        if (!v.canListUsers()) {
            throw PageException.forbidden();
        }
        User u = Pages.visible(v, id, pages.daos().users()::find, null, User::institutionId);
        if (!mayManage(v, u)) {
            throw PageException.forbidden();
        }
        if (u.id() == v.id()) {
            throw PageException.badRequest("You cannot deactivate or reactivate your own account.");
        }
        jdbi.useExtension(AccountWrites.class, w -> {
            if (active) {
                w.reactivate(u.id(), v.id(), servlet.getRemoteAddr());
            } else {
                w.deactivate(u.id(), v.id(), servlet.getRemoteAddr());
            }
        });
        return Response.seeOther(URI.create("/users/show/" + u.id())).build();
    }
}
