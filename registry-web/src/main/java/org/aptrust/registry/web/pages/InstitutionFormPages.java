package org.aptrust.registry.web.pages;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.InstitutionWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.InstitutionFields;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Institutions at the original's URLs. APTrust admins: GET/POST /institutions/new, GET/PUT/POST
 * /institutions/edit/:id, deactivate (DELETE or POST /institutions/delete/:id) and reactivate (POST or PUT
 * /institutions/undelete/:id); a GET of those two asks first (the original changed state on a GET). Institutional
 * admins, and APTrust admins: GET/PUT/POST /institutions/edit_preferences/:id (two-factor sign-in required, spot
 * restore frequency). The original's rules: a name of 5-200 bytes, a domain name with a dot as identifier (never
 * changed afterwards; the buckets follow from it), a type, a parent for a sub-account. Every change writes its audit
 * rows (who, when, field, old and new value; migration 071) in its transaction.
 */
@Path("/institutions")
@Produces(MediaType.TEXT_HTML)
public class InstitutionFormPages {

    /** The original's identifier pattern: labels of letters, digits, _ and -, separated by dots. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62}(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})+");
    static final int MAX_SPOT_RESTORE_DAYS = 3650;

    private final Pages pages;
    private final Jdbi jdbi;

    public InstitutionFormPages(Pages pages, Jdbi jdbi) {
        this.pages = pages;
        this.jdbi = jdbi;
    }

    // ---- new and edit (APTrust admins)

    @GET
    @Path("new")
    @RolesAllowed(Role.ADMIN_NAME)
    public EditFormView newForm(@Context ContainerRequestContext request, @Auth Viewer v) {
        return form(request, v, null, Map.of("type", "MemberInstitution", "otp_enabled", "false",
                "spot_restore_frequency", "0"), List.of());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(@Context ContainerRequestContext request, @Auth Viewer v,
            @Context HttpServletRequest servlet,
                           MultivaluedMap<String, String> form) {
        Map<String, String> values = EditFormView.submitted(form);
        List<EditFormView.Problem> problems = new ArrayList<>();
        InstitutionFields f = check(values, null, problems);
        if (problems.isEmpty() && pages.daos().institutions().findByIdentifier(f.identifier()).isPresent()) {
            problems.add(new EditFormView.Problem("identifier", "already names an institution"));
        }
        Optional<Integer> id = Optional.empty();
        if (problems.isEmpty()) {
            try {
                id = Optional.of(jdbi.withExtension(InstitutionWrites.class, w -> w.create(f, v.id(),
                        servlet.getRemoteAddr())));
            } catch (UnableToExecuteStatementException e) {
                if (!(e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState()))) {
                    throw e;
                }
                problems.add(new EditFormView.Problem("identifier", "already names an institution"));
            }
        }
        if (id.isEmpty()) {
            return Response.status(400).entity(form(request, v, null, values, problems)).build();
        }
        return Response.seeOther(URI.create("/institutions/show/" + id.get())).build();
    }

    @GET
    @Path("edit/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public EditFormView editForm(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        Institution i = find(v, id);
        return form(request, v, i, shown(i), List.of());
    }

    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("edit/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response update(@Context ContainerRequestContext request, @Auth Viewer v,
            @Context HttpServletRequest servlet, @PathParam("id") String id,
                           MultivaluedMap<String, String> form) {
        Institution i = find(v, id);
        Map<String, String> values = EditFormView.submitted(form);
        List<EditFormView.Problem> problems = new ArrayList<>();
        InstitutionFields f = check(values, i, problems);
        if (!problems.isEmpty()) {
            Map<String, String> all = shown(i);
            all.putAll(values);
            return Response.status(400).entity(form(request, v, i, all, problems)).build();
        }
        jdbi.useExtension(InstitutionWrites.class, w -> w.edit(i.id(), fieldsOf(i), f, v.id(),
                servlet.getRemoteAddr()));
        return Response.seeOther(URI.create("/institutions/show/" + i.id())).build();
    }

    // ---- preferences (institutional admins of the institution, and APTrust admins)

    @GET
    @Path("edit_preferences/{id}")
    public EditFormView preferencesForm(@Context ContainerRequestContext request, @Auth Viewer v,
                                        @PathParam("id") String id) {
        Institution i = preferencesOf(v, id);
        return preferences(request, v, i, shown(i), List.of());
    }

    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("edit_preferences/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updatePreferences(@Context ContainerRequestContext request, @Auth Viewer v,
            @Context HttpServletRequest servlet,
                                      @PathParam("id") String id,
                                      MultivaluedMap<String, String> form) {
        Institution i = preferencesOf(v, id);
        Map<String, String> values = new HashMap<>(shown(i));
        Map<String, String> sent = EditFormView.submitted(form);
        values.put("otp_enabled", sent.getOrDefault("otp_enabled", values.get("otp_enabled")));
        values.put("spot_restore_frequency", sent.getOrDefault("spot_restore_frequency",
                values.get("spot_restore_frequency")));
        List<EditFormView.Problem> problems = new ArrayList<>();
        InstitutionFields f = check(values, i, problems);
        if (!problems.isEmpty()) {
            return Response.status(400).entity(preferences(request, v, i, values, problems)).build();
        }
        jdbi.useExtension(InstitutionWrites.class, w -> w.editPreferences(i.id(), fieldsOf(i), f, v.id(),
                servlet.getRemoteAddr()));
        return Response.seeOther(URI.create("/institutions/show/" + i.id())).build();
    }

    // ---- deactivate and reactivate (APTrust admins)

    @GET
    @Path("delete/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public EditFormView deactivateForm(@Context ContainerRequestContext request, @Auth Viewer v,
                                       @PathParam("id") String id) {
        return confirm(request, v, id, "Deactivate", "delete", " Its records stay; it can be reactivated.");
    }

    @POST
    @AlsoAnswers(HttpMethod.DELETE)
    @Path("delete/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response deactivate(@Auth Viewer v, @Context HttpServletRequest servlet, @PathParam("id") String id) {
        return setActive(v, servlet, id, false);
    }

    @GET
    @Path("undelete/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public EditFormView reactivateForm(@Context ContainerRequestContext request, @Auth Viewer v,
                                       @PathParam("id") String id) {
        return confirm(request, v, id, "Reactivate", "undelete", "");
    }

    @POST
    @AlsoAnswers(HttpMethod.PUT)
    @Path("undelete/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response reactivate(@Auth Viewer v, @Context HttpServletRequest servlet, @PathParam("id") String id) {
        return setActive(v, servlet, id, true);
    }

    /** "Deactivate X (identifier)?" or "Reactivate ...?", with the button that posts to the route. */
    private EditFormView confirm(ContainerRequestContext request, Viewer v, String id, String verb, String route,
                                 String more) {
        Institution i = find(v, id);
        return new EditFormView(pages.context(request, verb + " " + i.name(), v), "/institutions/" + route + "/"
                + i.id(), verb, verb + " " + i.name() + " (" + i.identifier() + ")?" + more, List.of(), List.of());
    }

    /** Deactivates (never the admin's own institution) or reactivates, then shows the institution. */
    private Response setActive(Viewer v, HttpServletRequest servlet, String id, boolean active) {
        Institution i = find(v, id);
        if (!active && i.id() == (v.institutionId() == null ? -1 : v.institutionId())) {
            throw PageException.badRequest("You cannot deactivate your own institution.");
        }
        jdbi.useExtension(InstitutionWrites.class, w -> {
            if (active) {
                w.reactivate(i.id(), v.id(), servlet.getRemoteAddr());
            } else {
                w.deactivate(i.id(), v.id(), servlet.getRemoteAddr());
            }
        });
        return Response.seeOther(URI.create("/institutions/show/" + i.id())).build();
    }

    // ---- shared

    private Institution find(Viewer v, String id) {
        return Pages.visible(v, id, pages.daos().institutions()::find, null, Institution::id);
    }

    /** Another institution's preferences are "not found"; an institutional user's are not theirs to change. */
    private Institution preferencesOf(Viewer v, String id) {
        Institution i = find(v, id);
        if (!v.isAdmin() && !v.isInstitutionalAdmin()) {
            throw PageException.forbidden();
        }
        return i;
    }

    /** The original's rules; {@code before} (an existing institution) keeps its identifier. */
    private InstitutionFields check(Map<String, String> values, Institution before, List<EditFormView.Problem> out) {
        String name = values.getOrDefault("name", "").strip();
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 5 || bytes > 200) {
            out.add(new EditFormView.Problem("name", "must be 5 to 200 characters"));
        }
        String identifier = before != null ? before.identifier() : values.getOrDefault("identifier", "").strip();
        if (before == null && (identifier.length() > 253 || !DOMAIN.matcher(identifier).matches())) {
            out.add(new EditFormView.Problem("identifier", "must be a domain name with a dot, like example.edu"));
        }
        String type = values.getOrDefault("type", "").strip();
        if (!Vocabulary.INSTITUTION_TYPES.contains(type)) {
            out.add(new EditFormView.Problem("type", "must be one of " + String.join(", ",
                    Vocabulary.INSTITUTION_TYPES)));
        }
        Integer parent = null;
        String rawParent = values.getOrDefault("member_institution_id", "").strip();
        if ("SubscriptionInstitution".equals(type)) {
            Optional<Institution> p = rawParent.matches("\\d{1,9}")
                    ? pages.institution(Integer.valueOf(rawParent)) : Optional.empty();
            if (p.isEmpty() || !"MemberInstitution".equals(p.get().type())
                    || (before != null && p.get().id() == before.id())) {
                out.add(new EditFormView.Problem("member_institution_id",
                        "a sub-account needs its parent, a member institution"));
            } else {
                parent = p.get().id();
            }
        }
        String otp = values.getOrDefault("otp_enabled", "");
        if (!"true".equals(otp) && !"false".equals(otp)) {
            out.add(new EditFormView.Problem("otp_enabled", "must be true or false"));
        }
        String freq = values.getOrDefault("spot_restore_frequency", "").strip();
        int days = -1;
        if (freq.matches("\\d{1,4}")) {
            days = Integer.parseInt(freq);
        }
        if (days < 0 || days > MAX_SPOT_RESTORE_DAYS) {
            out.add(new EditFormView.Problem("spot_restore_frequency", "must be a number of days from 0 (never) to "
                    + MAX_SPOT_RESTORE_DAYS));
        }
        return out.isEmpty() ? new InstitutionFields(name, identifier, type, parent, "true".equals(otp), days) : null;
    }

    /** The institution's current values, as the form sets them (the "before" of its audit rows). */
    private static InstitutionFields fieldsOf(Institution i) {
        return new InstitutionFields(i.name(), i.identifier(), i.type(), i.memberInstitutionId(),
                Boolean.TRUE.equals(i.otpEnabled()), i.spotRestoreFrequency() == null ? 0 : i.spotRestoreFrequency());
    }

    private static Map<String, String> shown(Institution i) {
        Map<String, String> m = new HashMap<>();
        m.put("name", i.name() == null ? "" : i.name());
        m.put("identifier", i.identifier());
        m.put("type", i.type() == null ? "" : i.type());
        m.put("member_institution_id", i.memberInstitutionId() == null ? "" : String.valueOf(i.memberInstitutionId()));
        m.put("otp_enabled", String.valueOf(Boolean.TRUE.equals(i.otpEnabled())));
        m.put("spot_restore_frequency", String.valueOf(i.spotRestoreFrequency() == null ? 0
                : i.spotRestoreFrequency()));
        return m;
    }

    private EditFormView form(ContainerRequestContext request, Viewer v, Institution i, Map<String, String> values,
                              List<EditFormView.Problem> problems) {
        List<EditFormView.Field> fields = new ArrayList<>();
        fields.add(EditFormView.text("name", "Name", "text", values, true, null));
        fields.add(i == null
                ? EditFormView.text("identifier", "Identifier", "text", values, true,
                "a domain name (example.edu); it names the buckets and never changes")
                : EditFormView.fixed("identifier_shown", "Identifier", i.identifier()));
        fields.add(EditFormView.select("type", "Type", Labels.same(Vocabulary.INSTITUTION_TYPES), values, true,
                null));
        fields.add(EditFormView.select("member_institution_id", "Parent institution", pages.institutionOptions(),
                values, false, "for a sub-account (SubscriptionInstitution)"));
        fields.add(EditFormView.select("otp_enabled", "Require two-factor sign-in", EditFormView.YES_NO, values,
                true, null));
        fields.add(EditFormView.text("spot_restore_frequency", "Restoration spot test every (days)", "number",
                values, true, "0: never"));
        String title = i == null ? "New institution" : "Edit " + i.name();
        return new EditFormView(pages.context(request, title, v), i == null ? "/institutions/new"
                : "/institutions/edit/" + i.id(), i == null ? "Create institution" : "Save", null, fields, problems);
    }

    private EditFormView preferences(ContainerRequestContext request, Viewer v, Institution i,
                                     Map<String, String> values, List<EditFormView.Problem> problems) {
        List<EditFormView.Field> fields = List.of(
                EditFormView.select("otp_enabled", "Require two-factor sign-in", EditFormView.YES_NO, values, true,
                        "users who have not turned it on get a grace period, then must before anything else"),
                EditFormView.text("spot_restore_frequency", "Restoration spot test every (days)", "number", values,
                        true, "0: never"));
        return new EditFormView(pages.context(request, "Preferences of " + i.name(), v),
                "/institutions/edit_preferences/" + i.id(), "Save", null, fields, problems);
    }
}
