package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.AccountWrites;
import org.aptrust.registry.db.dao.TwoFactorDao;
import org.aptrust.registry.db.model.TwoFactorState;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.WebSessionRow;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.jdbi.v3.core.Jdbi;

/**
 * The signed-in user's own account: GET /users/my_account (their facts, their live sessions with a button to end
 * each, sign out everywhere, a new API key) and POST /users/get_api_key/:id (oneself only: a new random key shown
 * once; only its bcrypt hash is stored). Its two-factor section says whether two-factor sign-in is on and turns it
 * off (POST /users/2fa_disable, in {@link TwoFactorPages}).
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    private final Pages pages;
    private final Jdbi jdbi;

    public AccountPages(Pages pages, Jdbi jdbi) {
        this.pages = pages;
        this.jdbi = jdbi;
    }

    public record SessionLine(long id, String createdAt, String lastSeenAt, String ip, String userAgent,
                              boolean current) {
    }

    public static final class AccountView extends PageView {
        private final User user;
        private final List<SessionLine> sessions;
        private final String apiKey;
        private final TwoFactorState twoFactor;
        private final List<PasswordPages.FieldError> errors;

        AccountView(String template, PageContext page, User user, List<SessionLine> sessions, String apiKey) {
            this(template, page, user, sessions, apiKey, null, List.of());
        }

        AccountView(String template, PageContext page, User user, List<SessionLine> sessions, String apiKey,
                    TwoFactorState twoFactor, List<PasswordPages.FieldError> errors) {
            super(template, page);
            this.user = user;
            this.sessions = sessions;
            this.apiKey = apiKey;
            this.twoFactor = twoFactor;
            this.errors = errors;
        }

        public List<PasswordPages.FieldError> errors() {
            return errors;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public boolean twoFactorOn() {
            return twoFactor != null && twoFactor.twoFactorOn();
        }

        /** The method in words: an authenticator app or text messages to the phone's last digits. */
        public String twoFactorMethod() {
            if (twoFactor == null) {
                return "";
            }
            if (twoFactor.hasAuthenticator()) {
                return "an authenticator app";
            }
            if (twoFactor.usesSms()) {
                String p = twoFactor.phoneNumber();
                return "text messages to " + (p.length() <= 4 ? p : "…" + p.substring(p.length() - 4));
            }
            return "backup codes only";
        }

        public String backupCodesLeft() {
            return twoFactor == null ? "0" : String.valueOf(twoFactor.backupCodesLeft());
        }

        /** Why two-factor sign-in cannot be turned off, or null when it can. */
        public String twoFactorRequiredBy() {
            return twoFactor == null || !twoFactor.required() ? null : REQUIRED;
        }

        public User user() {
            return user;
        }

        public List<SessionLine> sessions() {
            return sessions;
        }

        public String apiKey() {
            return apiKey;
        }

        public String lastSignIn() {
            return Formats.dateTime(user.lastSignInAt());
        }

        public String passwordChanged() {
            return Formats.dateTime(user.passwordChangedAt());
        }
    }

    /** Why a user whose two-factor sign-in is required may not turn it off. */
    static final String REQUIRED = "Two-factor sign-in is required for your account (your institution requires it,"
            + " or an administrator does), so it cannot be turned off.";

    @GET
    @Path("my_account")
    public AccountView myAccount(@Context ContainerRequestContext request, @Auth Viewer v) {
        return view(request, v, List.of());
    }

    /** The account page, with the problems of a refused form (two-factor sign-in off) when there are some. */
    AccountView view(ContainerRequestContext request, Viewer v, List<PasswordPages.FieldError> errors) {
        User u = pages.daos().users().find(v.id()).orElseThrow(PageException::notFound);
        Optional<Long> current = WebAuth.sessionId(request);
        List<SessionLine> sessions = pages.auth().liveSessions(v.id()).stream().map((WebSessionRow s) ->
                new SessionLine(s.id(), Formats.dateTime(s.createdAt()), Formats.dateTime(s.lastSeenAt()), s.ip(),
                        s.userAgent(), current.isPresent() && current.get() == s.id())).toList();
        TwoFactorState twoFactor = jdbi.withExtension(TwoFactorDao.class, dao -> dao.state(v.id(),
                pages.auth().twoFactorGrace().toSeconds())).orElse(null);
        return new AccountView("my_account.mustache", pages.context(request, "My account", v), u, sessions, null,
                twoFactor, errors);
    }

    /** The original's route: a new key for oneself (never for anyone else, admins included), shown once. */
    @POST
    @Path("get_api_key/{id}")
    public AccountView newApiKey(@Context ContainerRequestContext request, @Auth Viewer v,
                                 @Context HttpServletRequest servlet,
                                 @PathParam("id") String id) {
        if (!String.valueOf(v.id()).equals(id)) {
            throw PageException.forbidden();
        }
        String key = Passwords.randomToken();
        String hash = Passwords.hash(key);
        jdbi.useExtension(AccountWrites.class, w -> w.issueApiKey(v.id(), hash, servlet.getRemoteAddr()));
        User u = pages.daos().users().find(v.id()).orElseThrow(PageException::notFound);
        return new AccountView("api_key.mustache", pages.context(request, "Your new API key", v), u, List.of(), key);
    }

    /** Ends one of the user's own sessions (another user's id ends nothing: 404). */
    @POST
    @Path("sessions/end/{id}")
    public Response endSession(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        if (!id.matches("\\d{1,18}") || !pages.auth().endSession(v.id(), Long.parseLong(id))) {
            throw PageException.notFound();
        }
        if (WebAuth.sessionId(request).filter(s -> s == Long.parseLong(id)).isPresent()) {
            return Response.seeOther(URI.create("/users/sign_in"))
                    .header(HttpHeaders.SET_COOKIE, pages.cookies().expire()).build();
        }
        return Response.seeOther(URI.create("/users/my_account")).build();
    }
}
