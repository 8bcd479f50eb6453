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
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.WebSessionRow;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.jdbi.v3.core.Jdbi;

/**
 * The signed-in user's own account: GET /users/my_account (their facts, their live sessions with a button to end
 * each, sign out everywhere, a new API key) and POST /users/get_api_key/:id (oneself only: a new random key shown
 * once; only its bcrypt hash is stored).
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

        AccountView(String template, PageContext page, User user, List<SessionLine> sessions, String apiKey) {
            super(template, page);
            this.user = user;
            this.sessions = sessions;
            this.apiKey = apiKey;
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

    @GET
    @Path("my_account")
    public AccountView myAccount(@Context ContainerRequestContext request, @Auth Viewer v) {
        User u = pages.daos().users().find(v.id()).orElseThrow(PageException::notFound);
        Optional<Long> current = WebAuth.sessionId(request);
        List<SessionLine> sessions = pages.auth().liveSessions(v.id()).stream().map((WebSessionRow s) ->
                new SessionLine(s.id(), Formats.dateTime(s.createdAt()), Formats.dateTime(s.lastSeenAt()), s.ip(),
                        s.userAgent(), current.isPresent() && current.get() == s.id())).toList();
        return new AccountView("my_account.mustache", pages.context(request, "My account", v), u, sessions, null);
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
