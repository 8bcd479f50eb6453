package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.InstitutionAuditDao;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.InstitutionAuditEvent;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /institutions (admins) and GET /institutions/show/:id (its sub-accounts and active users; for APTrust admins and
 * the institution's own institutional admins also its history: every change, who, when, field, old and new value).
 */
@Path("/institutions")
@Produces(MediaType.TEXT_HTML)
public class InstitutionPages {

    private final Pages pages;
    private final ListPages lists;
    private final Jdbi jdbi;

    /** How many changes an institution's page lists, newest first. */
    static final int HISTORY = 100;

    public InstitutionPages(Pages pages, ListPages lists, Jdbi jdbi) {
        this.pages = pages;
        this.lists = lists;
        this.jdbi = jdbi;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, list(v.isAdmin()), Scope.ALL, pages.lists().institutions());
    }

    static ListPage<Institution> list() {
        return list(false);
    }

    static ListPage<Institution> list(boolean mayCreate) {
        return ListPage.<Institution>builder("Institutions", "/institutions", Lists.INSTITUTIONS)
                .column(Column.of("Name", Institution::name).sortable("name")
                        .link(i -> "/institutions/show/" + i.id()))
                .column(Column.of("Identifier", Institution::identifier).sortable("identifier"))
                .column(Column.of("Type", Institution::type).sortable("type"))
                .column(Column.of("Parent", Institution::parentIdentifier).sortable("parent_identifier"))
                .column(Column.of("State", (Institution i) -> Labels.state(i.state())).styled(i -> "state-" + i.state()))
                .column(Column.time("Deactivated (UTC)", Institution::deactivatedAt).sortable("deactivated_at"))
                .filter(FilterField.text("Name contains", "name__contains"))
                .filter(FilterField.select("Type", "type", Labels.same(Vocabulary.INSTITUTION_TYPES)))
                .filter(FilterField.select("State", "state", Labels.states()))
                .createLinkIf(mayCreate, "New institution", "/institutions/new")
                .build();
    }

    @GET
    @Path("show/{id}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        Institution i = Pages.visible(v, id, pages.daos().institutions()::find,
                pages.daos().institutions()::findByIdentifier, Institution::id);
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Name", i.name())
                .add("Identifier", i.identifier())
                .add("Type", i.type())
                .link("Parent", i.parentName(), "/institutions/show/" + i.parentId())
                .styled("State", Labels.state(i.state()), "state-" + i.state())
                .add("Deactivated (UTC)", Formats.dateTime(i.deactivatedAt()))
                .add("Receiving bucket", i.receivingBucket())
                .add("Restore bucket", i.restoreBucket())
                .add("Two-factor sign-in required", Formats.yesNo(i.otpEnabled()))
                .add("Spot restore every", i.spotRestoreFrequency() == null || i.spotRestoreFrequency() == 0
                        ? "never" : i.spotRestoreFrequency() + " days")
                .add("Created (UTC)", Formats.dateTime(i.createdAt()))
                .link("Objects", "Active objects", "/objects?state=A&institution_id=" + i.id())
                .link("Deposits", "Deposit report", "/reports/deposits?institution_id=" + i.id())
                .build();
        List<DetailView.Section> sections = new ArrayList<>();
        QueryString none = QueryString.empty();
        sections.add(DetailView.Section.table("Sub-accounts", "sub-accounts", TableModel.of("Sub-accounts", List.of(
                        Column.of("Name", Institution::name).link(s -> "/institutions/show/" + s.id()),
                        Column.of("Identifier", Institution::identifier),
                        Column.of("State", (Institution s) -> Labels.state(s.state()))),
                pages.daos().institutions().subAccounts(i.id()), null, none, "", "sort", "page",
                "No sub-accounts.")));
        List<Column<User>> userColumns = new ArrayList<>();
        userColumns.add(v.canListUsers()
                ? Column.of("Name", User::name).link(u -> "/users/show/" + u.id())
                : Column.of("Name", User::name));
        userColumns.add(Column.of("Email", User::email));
        userColumns.add(Column.of("Role", User::role));
        userColumns.add(Column.time("Last sign-in (UTC)", User::lastSignInAt));
        sections.add(DetailView.Section.table("Active users", "users", TableModel.of("Active users", userColumns,
                pages.daos().users().activeUsersOf(i.id()), null, none, "", "sort", "page", "No active users.")));
        if (v.isAdmin() || v.isInstitutionalAdmin()) { // an institutional admin sees only their own (visible above)
            List<Column<InstitutionAuditEvent>> auditColumns = List.of(
                    Column.time("When (UTC)", InstitutionAuditEvent::createdAt),
                    Column.of("What", InstitutionAuditEvent::action),
                    Column.of("Field", InstitutionAuditEvent::field),
                    Column.of("Old", InstitutionAuditEvent::oldValue),
                    Column.of("New", InstitutionAuditEvent::newValue),
                    Column.of("By", (InstitutionAuditEvent e) -> e.actorEmail() == null ? "system" : e.actorEmail()),
                    Column.of("Address", InstitutionAuditEvent::ip));
            sections.add(DetailView.Section.table("History", "history", TableModel.of("History", auditColumns,
                    jdbi.withExtension(InstitutionAuditDao.class, dao -> dao.forInstitution(i.id(), HISTORY)), null,
                    none, "", "sort", "page", "No changes recorded.")));
        }
        List<DetailView.Action> links = new ArrayList<>();
        List<DetailView.Action> actions = new ArrayList<>();
        if (v.isAdmin()) {
            links.add(new DetailView.Action("Edit", "/institutions/edit/" + i.id(), null));
        }
        if (v.isAdmin() || v.isInstitutionalAdmin()) {
            links.add(new DetailView.Action("Preferences", "/institutions/edit_preferences/" + i.id(),
                    "two-factor sign-in, spot restores"));
        }
        if (v.isAdmin() && (v.institutionId() == null || i.id() != v.institutionId())) {
            actions.add("D".equals(i.state())
                    ? new DetailView.Action("Reactivate", "/institutions/undelete/" + i.id(), null)
                    : new DetailView.Action("Deactivate", "/institutions/delete/" + i.id(), "its records stay"));
        }
        return new DetailView(pages.context(request, i.name(), v), facts, List.of(), actions, sections)
                .withLinks(links);
    }
}
