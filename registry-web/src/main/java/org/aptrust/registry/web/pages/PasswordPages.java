package org.aptrust.registry.web.pages;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.AccountWrites;
import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.model.ResetState;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.throttle.FailureThrottle;
import org.aptrust.registry.web.auth.PasswordPolicy;
import org.aptrust.registry.web.auth.ResetTokens;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.mail.AccountMail;
import org.aptrust.registry.web.mail.AccountMessages;
import org.jdbi.v3.core.Jdbi;

/**
 * Passwords at the original's URLs: change one's own (the current password required), forgot password (the same
 * answer whether or not the address has an account), an admin's reset (the user must choose a new password before
 * anything else) and completing a reset from the emailed single-use link. A new password ends the user's other
 * sessions (all of them after a reset) and sends "password changed".
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class PasswordPages {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PasswordPages.class);

    /** How long links work: one the user asked for, one an admin sent, a new account's. */
    public static final Duration FORGOT_VALID = Duration.ofHours(2);
    public static final Duration ADMIN_RESET_VALID = Duration.ofDays(3);
    public static final Duration WELCOME_VALID = Duration.ofDays(7);

    private final Pages pages;
    private final Jdbi jdbi;
    private final AccountMessages messages;
    private final PasswordPolicy policy;
    private final FailureThrottle forgotThrottle;

    /**
     * @param forgotThrottle counts "forgot password" requests per address asked for and per client address (its own
     *                       purpose: it never slows sign-in, and sign-in failures never slow it)
     */
    public PasswordPages(Pages pages, Jdbi jdbi, AccountMessages messages, PasswordPolicy policy,
                         FailureThrottle forgotThrottle) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.messages = messages;
        this.policy = policy;
        this.forgotThrottle = forgotThrottle;
    }

    public record FieldError(String field, String message) {
    }

    /** One template for every password form; {@code mode} picks the fields. */
    public static final class FormView extends PageView {
        private final String mode;
        private final String action;
        private final List<FieldError> errors;
        private final Map<String, String> values;
        private final String message;

        FormView(PageContext page, String mode, String action, List<FieldError> errors, Map<String, String> values,
                 String message) {
            super("password_form.mustache", page);
            this.mode = mode;
            this.action = action;
            this.errors = errors;
            this.values = values;
            this.message = message;
        }

        public boolean change() {
            return "change".equals(mode);
        }

        public boolean forgot() {
            return "forgot".equals(mode);
        }

        public boolean forgotSent() {
            return "forgot_sent".equals(mode);
        }

        public boolean complete() {
            return "complete".equals(mode);
        }

        public boolean initReset() {
            return "init_reset".equals(mode);
        }

        public String action() {
            return action;
        }

        public List<FieldError> errors() {
            return errors;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public Map<String, String> values() {
            return values;
        }

        public String message() {
            return message;
        }

        public String minLength() {
            return String.valueOf(PasswordPolicy.MIN_LENGTH);
        }
    }

    // ---- change one's own password

    @GET
    @Path("change_password/{id}")
    public FormView changeForm(@Context ContainerRequestContext request, @Auth Viewer viewer,
                               @PathParam("id") String id) {
        Viewer v = self(viewer, id);
        String note = WebAuth.mustChangePassword(request) ? "You must choose a new password before you go on." : null;
        return new FormView(pages.context(request, "Change password", v), "change", "/users/change_password/"
                + v.id(), List.of(), Map.of(), note);
    }

    @POST
    @Path("change_password/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@Context ContainerRequestContext request, @Auth Viewer viewer,
                           @Context HttpServletRequest servlet,
                           @PathParam("id") String id, @FormParam("current_password") String current,
                           @FormParam("password") String password,
                           @FormParam("password_confirmation") String confirmation) {
        Viewer v = self(viewer, id);
        List<FieldError> errors = newPasswordErrors(password, confirmation, v.email());
        if (errors.isEmpty()) {
            WebAuth.PasswordCheck check = pages.auth().checkPassword(v, current, servlet.getRemoteAddr());
            if (check == WebAuth.PasswordCheck.THROTTLED) {
                return Response.status(429).entity(new FormView(pages.context(request, "Change password", v),
                        "change", "/users/change_password/" + v.id(), List.of(new FieldError("current_password",
                        "too many wrong attempts: wait a few minutes")), Map.of(), null)).build();
            }
            if (check != WebAuth.PasswordCheck.OK) {
                errors.add(new FieldError("current_password", "is not your current password"));
            }
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(new FormView(pages.context(request, "Change password", v), "change",
                    "/users/change_password/" + v.id(), errors, Map.of(), null)).build();
        }
        String hash = Passwords.hash(password);
        long keep = WebAuth.sessionId(request).orElse(-1L);
        OutgoingMail notice = changedNotice(v.id(), v.email(), v.displayName(), v.email(), servlet);
        jdbi.useExtension(AccountWrites.class, w -> w.changePassword(v.id(), hash, keep, servlet.getRemoteAddr(),
                notice));
        return Response.seeOther(URI.create("/users/my_account")).build();
    }

    // ---- forgot password

    @GET
    @Path("forgot_password")
    public FormView forgotForm(@Context ContainerRequestContext request) {
        return new FormView(pages.context(request, "Forgot password"), "forgot", "/users/forgot_password", List.of(),
                Map.of(), null);
    }

    /** The same page, status and wording whether or not the address has an (active) account. */
    @POST
    @Path("forgot_password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forgot(@Context ContainerRequestContext request, @Context HttpServletRequest servlet,
                           @FormParam("email") String email) {
        String e = email == null ? "" : email.strip();
        if (e.isEmpty() || e.length() > 320 || !e.contains("@")) {
            return Response.status(400).entity(new FormView(pages.context(request, "Forgot password"), "forgot",
                    "/users/forgot_password", List.of(new FieldError("email", "must be an email address")),
                    Map.of("email", e), null)).build();
        }
        String ip = servlet.getRemoteAddr();
        java.time.Duration wait = forgotThrottle.waitBefore(e, ip);
        if (wait.isZero()) {
            forgotThrottle.recordFailure(e, ip); // every request counts, whether or not the address has an account
            Optional<User> u = pages.daos().users().findByEmail(e)
                    .filter(user -> user.deactivatedAt() == null);
            u.ifPresent(user -> sendResetLink(user, FORGOT_VALID, false, user.id(), "password_reset_requested", ip,
                    AccountMail.PASSWORD_RESET));
        } else {
            // the same page as ever; only the log says that no mail went out
            LOG.info("forgot-password request from {} not served: too many requests for that address or from that"
                    + " client; wait {} s", ip, Math.max(1, wait.toSeconds()));
        }
        return Response.ok(new FormView(pages.context(request, "Forgot password"), "forgot_sent", "", List.of(),
                Map.of(), null)).build();
    }

    // ---- an admin's reset

    @GET
    @Path("init_password_reset/{id}")
    public FormView initResetForm(@Context ContainerRequestContext request, @Auth Viewer v,
                                  @PathParam("id") String id) {
        User u = manageable(v, id);
        return new FormView(pages.context(request, "Reset password", v), "init_reset", "/users/init_password_reset/"
                + u.id(), List.of(), Map.of("email", u.email()), null);
    }

    @POST
    @Path("init_password_reset/{id}")
    public Response initReset(@Context ContainerRequestContext request, @Auth Viewer v,
                              @Context HttpServletRequest servlet,
                              @PathParam("id") String id) {
        User u = manageable(v, id);
        sendResetLink(u, ADMIN_RESET_VALID, true, v.id(), "password_reset_by_admin", servlet.getRemoteAddr(),
                AccountMail.PASSWORD_RESET);
        return Response.seeOther(URI.create("/users/show/" + u.id())).build();
    }

    // ---- completing a reset from the emailed link

    @GET
    @Path("complete_password_reset/{id}")
    public FormView completeForm(@Context ContainerRequestContext request, @PathParam("id") String id,
                                 @QueryParam("token") String token) {
        if (!id.matches("\\d{1,9}")) {
            throw PageException.notFound();
        }
        return new FormView(pages.context(request, "Choose a new password"), "complete",
                "/users/complete_password_reset/" + id, List.of(), Map.of("token", token == null ? "" : token), null);
    }

    @POST
    @Path("complete_password_reset/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(@Context ContainerRequestContext request, @Context HttpServletRequest servlet,
                             @PathParam("id") String id, @FormParam("token") String token,
                             @FormParam("password") String password,
                             @FormParam("password_confirmation") String confirmation) {
        if (!id.matches("\\d{1,9}")) {
            throw PageException.notFound();
        }
        String ip = servlet.getRemoteAddr();
        String action = "/users/complete_password_reset/" + id;
        Map<String, String> keep = Map.of("token", token == null ? "" : token);
        if (pages.auth().throttled("reset:" + id, ip)) {
            return refuseReset(request, 429, action, List.of(new FieldError("token",
                    "too many attempts: wait a few minutes")), keep);
        }
        Optional<ResetState> state = jdbi.withExtension(CredentialsDao.class,
                dao -> dao.resetState(Integer.parseInt(id)));
        boolean valid = state.isPresent() && state.get().deactivatedAt() == null
                && ResetTokens.matches(token, state.get().tokenHash()) && state.get().expiresAt() != null
                && state.get().expiresAt().isAfter(LocalDateTime.now(ZoneOffset.UTC));
        if (!valid) {
            pages.auth().recordFailure("reset:" + id, ip);
            return refuseReset(request, 400, action, List.of(SPENT), keep);
        }
        ResetState s = state.get();
        List<FieldError> errors = newPasswordErrors(password, confirmation, s.email());
        if (!errors.isEmpty()) {
            return refuseReset(request, 400, action, errors, keep);
        }
        String hash = Passwords.hash(password);
        OutgoingMail notice = changedNotice(s.id(), s.email(), s.name() == null ? s.email() : s.name(), s.email(),
                servlet);
        boolean done = jdbi.withExtension(AccountWrites.class, w -> w.completeReset(s.id(), s.tokenHash(), hash, ip,
                notice));
        if (!done) { // spent by a concurrent request a moment ago
            return refuseReset(request, 400, action, List.of(SPENT), keep);
        }
        return Response.seeOther(URI.create("/users/sign_in")).header(HttpHeaders.SET_COOKIE,
                pages.cookies().expire()).build();
    }

    // ---- shared

    private static final FieldError SPENT = new FieldError("token", "this link has expired or was already used; ask"
            + " for a new one with \"Forgot password\"");

    private Response refuseReset(ContainerRequestContext request, int status, String action, List<FieldError> errors,
                                 Map<String, String> values) {
        return Response.status(status).entity(new FormView(pages.context(request, "Choose a new password"), "complete",
                action, errors, values, null)).build();
    }

    /** Writes the token's hash and the link's message in one transaction (the link carries the token itself). */
    void sendResetLink(User u, Duration valid, boolean force, Integer actorId, String action, String ip,
                       AccountMail kind) {
        jdbi.useTransaction(h -> sendResetLink(h.attach(AccountWrites.class), u.id(), u.name(), u.email(), valid,
                force, actorId, action, ip, kind, null));
    }

    /**
     * The same inside the caller's transaction (a new account and its welcome link commit together).
     *
     * @param adminName who set the account up, for the welcome message (null: "An administrator")
     */
    void sendResetLink(AccountWrites w, int userId, String userName, String email, Duration valid, boolean force,
                       Integer actorId, String action, String ip, AccountMail kind, String adminName) {
        String token = ResetTokens.newToken();
        String link = messages.link("/users/complete_password_reset/" + userId + "?token=" + token);
        OutgoingMail mail = messages.compose(kind, Map.of("name", name(userName, email), "link", link,
                "expiresIn", words(valid), "adminName", adminName == null ? "An administrator" : adminName), userId,
                email);
        w.startReset(userId, ResetTokens.hash(token), valid.toSeconds(), force, actorId, action, ip, mail);
    }

    private OutgoingMail changedNotice(int userId, String email, String name, String changedBy,
                                       HttpServletRequest servlet) {
        String agent = servlet.getHeader(HttpHeaders.USER_AGENT);
        return messages.compose(AccountMail.PASSWORD_CHANGED, Map.of("name", name, "changedBy", changedBy,
                "changedAt", Formats.dateTime(LocalDateTime.now(ZoneOffset.UTC)), "ipAddress", servlet.getRemoteAddr(),
                "userAgent", agent == null ? "unknown" : agent), userId, email);
    }

    private List<FieldError> newPasswordErrors(String password, String confirmation, String email) {
        List<FieldError> errors = new ArrayList<>();
        for (String p : policy.problems(password, email)) {
            errors.add(new FieldError("password", p));
        }
        if (password == null || !password.equals(confirmation)) {
            errors.add(new FieldError("password_confirmation", "does not match the new password"));
        }
        return errors;
    }

    private static Viewer self(Viewer v, String id) {
        if (!String.valueOf(v.id()).equals(id)) {
            throw PageException.forbidden();
        }
        return v;
    }

    /** A user the viewer may manage: admins anyone, institutional admins their institution's users. */
    User manageable(Viewer v, String id) {
        if (!v.canListUsers()) {
            throw PageException.forbidden();
        }
        return Pages.visible(v, id, pages.daos().users()::find, null, User::institutionId);
    }

    private static String name(String name, String email) {
        return name == null || name.isBlank() ? email : name;
    }

    static String words(Duration d) {
        if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
}
