package org.aptrust.registry.web.pages;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
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
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.AccountWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.UserFields;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.mail.AccountMail;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * New and edited accounts at the original's URLs: GET/POST /users/new (the new user gets a welcome link to choose a
 * password), GET/PUT/POST /users/edit/:id, and PUT /users/edit_xhr/:id (the original's inline editor: only the
 * fields sent change; answers JSON). Admins manage everyone; institutional admins their institution's users, never
 * an APTrust admin; nobody gives a role above their own, changes their own role or deactivates themselves. Every
 * changed field leaves a row in the account's history.
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class UserFormPages {

    /** How long a user the inline editor makes require two-factor sign-in has to turn it on (the original's). */
    static final int XHR_GRACE_DAYS = 30;

    private final Pages pages;
    private final Jdbi jdbi;
    private final PasswordPages passwords;

    public UserFormPages(Pages pages, Jdbi jdbi, PasswordPages passwords) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.passwords = passwords;
    }

    // ---- new

    @GET
    @Path("new")
    public EditFormView newForm(@Context ContainerRequestContext request, @Auth Viewer viewer) {
        Viewer v = manager(viewer);
        return form(request, v, "New user", "/users/new", "Create user", null, Map.of(
                "role", Role.INSTITUTIONAL_USER.dbValue(), "otp_required_for_login", "false",
                "institution_id", v.institutionId() == null ? "" : String.valueOf(v.institutionId())), List.of());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context ContainerRequestContext request, @Auth Viewer viewer,
                           @Context HttpServletRequest servlet,
                           MultivaluedMap<String, String> form) {
        Viewer v = manager(viewer);
        Map<String, String> values = EditFormView.submitted(form);
        UserForm.Outcome out = UserForm.check(values, null, 0, v, pages::institution);
        List<EditFormView.Problem> problems = new ArrayList<>(out.problems());
        if (out.ok() && emailTaken(out.fields().email(), 0)) {
            problems.add(emailInUse(v));
        }
        if (!problems.isEmpty()) {
            return Response.status(400).entity(form(request, v, "New user", "/users/new", "Create user", null,
                    values, problems)).build();
        }
        String ip = servlet.getRemoteAddr();
        int id;
        try {
            id = jdbi.inTransaction(h -> {
                AccountWrites w = h.attach(AccountWrites.class);
                int newId = w.createUser(out.fields(), Passwords.hash(Passwords.randomToken()), v.id(), ip);
                passwords.sendResetLink(w, newId, out.fields().name(), out.fields().email(),
                        PasswordPages.WELCOME_VALID, true, v.id(), "welcome_sent", ip, AccountMail.WELCOME,
                        v.displayName());
                return newId;
            });
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return Response.status(400).entity(form(request, v, "New user", "/users/new", "Create user", null,
                    values, List.of(emailInUse(v)))).build();
        }
        return Response.seeOther(URI.create("/users/show/" + id)).build();
    }

    // ---- edit

    @GET
    @Path("edit/{id}")
    public EditFormView editForm(@Context ContainerRequestContext request, @Auth Viewer viewer,
                                 @PathParam("id") String id) {
        Viewer v = manager(viewer);
        User u = manageable(v, id);
        return form(request, v, "Edit " + u.email(), "/users/edit/" + u.id(), "Save", u,
                UserForm.shown(UserFields.of(u), Map.of()), List.of());
    }

    @POST
    @AlsoAnswers(HttpMethod.PUT) // the original's PUT (a form with _method, or a script)
    @Path("edit/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@Context ContainerRequestContext request, @Auth Viewer viewer,
                           @Context HttpServletRequest servlet,
                           @PathParam("id") String id, MultivaluedMap<String, String> form) {
        Viewer v = manager(viewer);
        User u = manageable(v, id);
        Map<String, String> values = EditFormView.submitted(form);
        UserFields before = UserFields.of(u);
        UserForm.Outcome out = UserForm.check(values, before, u.id(), v, pages::institution);
        List<EditFormView.Problem> problems = new ArrayList<>(out.problems());
        if (out.ok() && emailTaken(out.fields().email(), u.id())) {
            problems.add(emailInUse(v));
        }
        if (problems.isEmpty()) {
            Optional<EditFormView.Problem> refused = save(u.id(), before, out.fields(), v, servlet.getRemoteAddr());
            refused.ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return Response.status(400).entity(form(request, v, "Edit " + u.email(), "/users/edit/" + u.id(), "Save",
                    u, UserForm.shown(before, values), problems)).build();
        }
        return Response.seeOther(URI.create("/users/show/" + u.id())).build();
    }

    // ---- the original's inline editor

    /**
     * PUT /users/edit_xhr/:id with any of the original's fields Name, Email, PhoneNumber, Role, Status
     * ("active"/"inactive") and OTPRequiredForLogin ("true"/"false", which also gives the user 30 days to turn
     * two-factor sign-in on); a blank field is left alone. Answers {@code {"StatusCode": 200, "Message": ...}} or a
     * 400 naming the field. Unlike the original it never sets a password (Password is refused: an administrator
     * sends a reset link instead).
     */
    @PUT
    @Path("edit_xhr/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateXhr(@Context ContainerRequestContext request, @Auth Viewer viewer,
                              @Context HttpServletRequest servlet,
                              @PathParam("id") String id, MultivaluedMap<String, String> form) {
        Viewer v = manager(viewer);
        User u = manageable(v, id);
        Map<String, String> sent = EditFormView.submitted(form);
        if (!blank(sent.get("Password"))) {
            return json(400, "Password", "is not set here: send the user a reset link instead");
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> names = Map.of("Name", "name", "Email", "email", "PhoneNumber", "phone_number",
                "Role", "role");
        names.forEach((theirs, ours) -> {
            if (!blank(sent.get(theirs))) {
                values.put(ours, sent.get(theirs).strip());
            }
        });
        if (!blank(sent.get("OTPRequiredForLogin"))) {
            String otp = sent.get("OTPRequiredForLogin").strip();
            values.put("otp_required_for_login", otp);
            values.put("grace_period", LocalDate.now(ZoneOffset.UTC).plusDays(XHR_GRACE_DAYS).toString());
        }
        String status = blank(sent.get("Status")) ? null : sent.get("Status").strip().toLowerCase(Locale.ROOT);
        if (status != null && !status.equals("active") && !status.equals("inactive")) {
            return json(400, "Status", "must be active or inactive");
        }
        if (status != null && u.id() == v.id()) {
            return json(400, "Status", "you cannot deactivate or reactivate your own account");
        }
        UserFields before = UserFields.of(u);
        UserForm.Outcome out = UserForm.check(values, before, u.id(), v, pages::institution);
        if (!out.ok()) {
            EditFormView.Problem p = out.problems().get(0);
            return json(400, theirName(p.field()), p.message());
        }
        if (emailTaken(out.fields().email(), u.id())) {
            return json(400, "Email", emailInUse(v).message());
        }
        String ip = servlet.getRemoteAddr();
        Optional<EditFormView.Problem> refused = save(u.id(), before, out.fields(), v, ip);
        if (refused.isPresent()) {
            return json(400, "Email", refused.get().message());
        }
        if (status != null) {
            jdbi.useExtension(AccountWrites.class, w -> {
                if (status.equals("inactive")) {
                    w.deactivate(u.id(), v.id(), ip);
                } else {
                    w.reactivate(u.id(), v.id(), ip);
                }
            });
        }
        return json(200, null, "Update succeeded.");
    }

    // ---- shared

    private Optional<EditFormView.Problem> save(int userId, UserFields before, UserFields after, Viewer v, String ip) {
        try {
            jdbi.useExtension(AccountWrites.class, w -> w.editUser(userId, before, after, v.id(), ip));
            return Optional.empty();
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return Optional.of(emailInUse(v));
        }
    }

    private static Viewer manager(Viewer v) {
        if (!v.canListUsers()) {
            throw PageException.forbidden();
        }
        return v;
    }

    /** Another institution's user is "not found"; an APTrust admin is not an institutional admin's to edit. */
    private User manageable(Viewer v, String id) {
        User u = Pages.visible(v, id, pages.daos().users()::find, null, User::institutionId);
        if (!UserPages.mayManage(v, u)) {
            throw PageException.forbidden();
        }
        return u;
    }

    private boolean emailTaken(String email, int exceptId) {
        return pages.daos().users().findByEmail(email).filter(other -> other.id() != exceptId).isPresent();
    }

    /**
     * Admins see every account, so they are told plainly. An institutional admin is told that the address cannot be
     * used here, the same words whoever holds it (an account of their own institution is on their users list).
     */
    private static EditFormView.Problem emailInUse(Viewer v) {
        return new EditFormView.Problem("email", v.isAdmin() ? "already belongs to another account"
                : "cannot be used for this account; if the person already has a Registry account, ask APTrust");
    }

    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState());
    }

    private EditFormView form(ContainerRequestContext request, Viewer v, String title, String action, String submit,
                              User u, Map<String, String> values, List<EditFormView.Problem> problems) {
        List<EditFormView.Field> fields = new ArrayList<>();
        fields.add(EditFormView.text("name", "Name", "text", values, true, null));
        fields.add(EditFormView.text("email", "Email address", "email", values, true, null));
        fields.add(EditFormView.text("phone_number", "Phone", "tel", values, false,
                "with its country code, like +12125551212 (for text-message sign-in codes)"));
        List<FilterField.Option> roles = UserForm.roleChoices(v).stream()
                .map(r -> new FilterField.Option(r, r)).toList();
        fields.add(EditFormView.select("role", "Role", roles, values, true, "never above your own"));
        if (v.isAdmin()) {
            fields.add(EditFormView.select("institution_id", "Institution", pages.institutionOptions(), values, true,
                    null));
        } else {
            fields.add(EditFormView.fixed("institution_name", "Institution",
                    pages.institution(v.institutionId()).map(Institution::name).orElse("")));
        }
        fields.add(EditFormView.select("otp_required_for_login", "Require two-factor sign-in", EditFormView.YES_NO,
                values, true, null));
        fields.add(EditFormView.text("grace_period", "Must turn two-factor sign-in on by", "date", values, false,
                "required when two-factor sign-in is required"));
        String intro = u == null ? "The new user gets an email with a link to choose a password (valid "
                + PasswordPages.words(PasswordPages.WELCOME_VALID) + ")." : null;
        return new EditFormView(pages.context(request, title, v), action, submit, intro, fields, problems);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String theirName(String field) {
        return switch (field) {
            case "name" -> "Name";
            case "email" -> "Email";
            case "phone_number" -> "PhoneNumber";
            case "role" -> "Role";
            case "otp_required_for_login", "grace_period" -> "OTPRequiredForLogin";
            default -> field;
        };
    }

    private static Response json(int status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("StatusCode", status);
        if (status == 200) {
            body.put("Message", message);
        } else {
            body.put("Error", field + " " + message);
            body.put("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
