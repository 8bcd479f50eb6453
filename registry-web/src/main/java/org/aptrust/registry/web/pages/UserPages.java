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
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;

/**
 * GET /users (admins: everyone; institutional admins: their institution's users) and GET /users/show/:id (those,
 * plus anyone's own page).
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class UserPages {

    private final Pages pages;
    private final ListPages lists;

    public UserPages(Pages pages, ListPages lists) {
        this.pages = pages;
        this.lists = lists;
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
                .build();
    }

    @GET
    public Response list(@Context ContainerRequestContext request) {
        Viewer v = pages.viewer(request);
        if (!v.canListUsers()) {
            throw PageException.forbidden();
        }
        return lists.respond(request, v, list(v, v.isAdmin() ? pages.institutionOptions() : List.of()), v.scope(),
                ListSource.of(pages.daos().users()));
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Viewer v = pages.viewer(request);
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
        return new DetailView(pages.context(request, u.name() == null ? u.email() : u.name(), v), facts, List.of(),
                List.of(), List.of());
    }
}
