package org.aptrust.registry.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.model.UserCredentials;
import org.jdbi.v3.core.Jdbi;

/**
 * Who is asking: turns the request's session into a {@link Viewer} (re-reading the user, so a deactivated user
 * or one who signed out elsewhere is refused at once), and checks passwords at sign-in.
 */
public final class WebAuth {

    private final Jdbi jdbi;
    private final SessionCookies cookies;
    private final SignInThrottle throttle;
    private final Clock clock;

    public WebAuth(Jdbi jdbi, SessionCookies cookies, SignInThrottle throttle, Clock clock) {
        this.jdbi = jdbi;
        this.cookies = cookies;
        this.throttle = throttle;
        this.clock = clock;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    public Clock clock() {
        return clock;
    }

    /** The request's session (anonymous before sign-in); the session filter always sets one on web paths. */
    public static WebSession session(ContainerRequestContext request) {
        Object s = request.getProperty(WebSession.PROPERTY);
        return s instanceof WebSession ws ? ws : null;
    }

    /** The signed-in user, if the session names one who may still use the Registry. */
    public Optional<Viewer> viewer(ContainerRequestContext request) {
        WebSession s = session(request);
        if (s == null || !s.isSignedIn()) {
            return Optional.empty();
        }
        Object cached = request.getProperty(Viewer.class.getName());
        if (cached instanceof Viewer v) {
            return Optional.of(v);
        }
        Optional<Viewer> v = jdbi.withExtension(CredentialsDao.class, dao -> {
            Optional<UserCredentials> u = dao.findById(s.userId());
            if (u.isEmpty() || !u.get().mayAuthenticate() || dao.currentSignInAt(s.userId()).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(toViewer(u.get()));
        });
        v.ifPresent(viewer -> request.setProperty(Viewer.class.getName(), viewer));
        return v;
    }

    /** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
    public Viewer require(ContainerRequestContext request) {
        return viewer(request).orElseThrow(() -> new SignInRequired(request.getUriInfo().getRequestUri()));
    }

    /** The outcome of a sign-in attempt. */
    public sealed interface SignInResult {
        record Success(Viewer viewer) implements SignInResult {
        }

        /** Wrong password, unknown email, deactivated or role-less: one answer for all. */
        record Refused() implements SignInResult {
        }

        record Throttled(Duration retryAfter) implements SignInResult {
        }
    }

    public SignInResult signIn(String email, String password, String clientAddress) {
        Duration wait = throttle.waitBefore(email, clientAddress);
        if (!wait.isZero()) {
            return new SignInResult.Throttled(wait);
        }
        String e = email == null ? "" : email.strip();
        Optional<UserCredentials> user = e.isEmpty() ? Optional.empty()
                : jdbi.withExtension(CredentialsDao.class, dao -> dao.findByEmail(e));
        boolean ok;
        if (user.isPresent()) {
            ok = Passwords.matches(password, user.get().encryptedPassword()) && user.get().mayAuthenticate();
        } else {
            Passwords.burn(password); // the same time for an unknown email as for a wrong password
            ok = false;
        }
        if (!ok) {
            throttle.recordFailure(e, clientAddress);
            return new SignInResult.Refused();
        }
        throttle.recordSuccess(e);
        UserCredentials u = user.get();
        jdbi.useExtension(CredentialsDao.class, dao -> dao.recordSignIn(u.id(), clientAddress));
        return new SignInResult.Success(toViewer(u));
    }

    public void signOut(int userId) {
        jdbi.useExtension(CredentialsDao.class, dao -> dao.recordSignOut(userId));
    }

    private static Viewer toViewer(UserCredentials u) {
        return new Viewer(u.id(), u.email(), u.name(), u.roleValue(), u.institutionId());
    }
}
