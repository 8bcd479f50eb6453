package org.aptrust.registry.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.dao.TwoFactorDao;
import org.aptrust.registry.db.dao.WebSessionDao;
import org.aptrust.registry.db.faults.ConnectionFailures;
import org.aptrust.registry.db.model.SessionUser;
import org.aptrust.registry.db.model.TwoFactorState;
import org.aptrust.registry.db.model.UserCredentials;
import org.aptrust.registry.db.model.UserIdentity;
import org.aptrust.registry.db.model.WebSessionRow;
import org.aptrust.registry.db.throttle.FailureThrottle;
import org.jdbi.v3.core.Jdbi;

/**
 * Who is asking: turns the request's session into a {@link Viewer} through its server-side row (migration 031), so
 * a signed-out, revoked or expired session and a deactivated user are refused at once on every instance; checks
 * passwords at sign-in and records each sign-in as a session of its own.
 */
public final class WebAuth {

    private static final String SESSION_ID = "registry.web.session-id";
    private static final String MUST_CHANGE = "registry.web.must-change-password";
    private static final String AWAITING_SECOND_FACTOR = "registry.web.awaiting-second-factor";
    private static final String MUST_ENROL = "registry.web.must-enrol-two-factor";
    private static final String ENROL_BY = "registry.web.enrol-two-factor-by";

    private final Jdbi jdbi;
    private final SessionCookies cookies;
    private final FailureThrottle throttle;
    private final Clock clock;
    private final Duration twoFactorGrace;

    /**
     * @param twoFactorGrace how long a user whose institution begins to require two-factor sign-in may go on without
     *                       it
     */
    public WebAuth(Jdbi jdbi, SessionCookies cookies, FailureThrottle throttle, Clock clock, Duration twoFactorGrace) {
        this.jdbi = jdbi;
        this.cookies = cookies;
        this.throttle = throttle;
        this.clock = clock;
        this.twoFactorGrace = twoFactorGrace;
    }

    public Duration twoFactorGrace() {
        return twoFactorGrace;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    public Clock clock() {
        return clock;
    }

    /** The request's session (anonymous before sign-in); the session filter always sets one on web paths. */
    public static WebSession session(ContainerRequestContext request) {
        Object s = request == null ? null : request.getProperty(WebSession.PROPERTY);
        return s instanceof WebSession ws ? ws : null;
    }

    /**
     * The signed-in user, if the session's server-side row is live (not revoked, not expired) and names a user who
     * may still use the Registry. One read per request; the row's last-seen time is written at most once a minute.
     */
    public Optional<Viewer> viewer(ContainerRequestContext request) {
        WebSession s = session(request);
        if (s == null || !s.isSignedIn()) {
            return Optional.empty();
        }
        Object cached = request.getProperty(Viewer.class.getName());
        if (cached instanceof Viewer v) {
            return Optional.of(v);
        }
        Optional<SessionUser> live = ConnectionFailures.readingTwiceOnLostConnection(
                () -> jdbi.withExtension(WebSessionDao.class, dao -> {
                    Optional<SessionUser> u = dao.findLive(tokenHash(s), maxAgeSeconds(),
                                    twoFactorGrace.toSeconds())
                            .filter(row -> row.identity().id() == s.userId() && row.identity().mayAuthenticate());
                    u.filter(row -> row.lastSeenAt().isBefore(LocalDateTime.ofInstant(clock.instant(),
                            ZoneOffset.UTC).minusMinutes(1))).ifPresent(row -> dao.touch(row.sessionId()));
                    return u;
                }));
        live.ifPresent(row -> request.setProperty(SESSION_ID, row.sessionId()));
        live.filter(row -> row.identity().forcePasswordUpdate())
                .ifPresent(row -> request.setProperty(MUST_CHANGE, true));
        live.filter(SessionUser::awaitingSecondFactor)
                .ifPresent(row -> request.setProperty(AWAITING_SECOND_FACTOR, true));
        live.filter(SessionUser::mustEnrolTwoFactor).ifPresent(row -> request.setProperty(MUST_ENROL, true));
        live.filter(row -> !row.mustEnrolTwoFactor() && row.twoFactorDue() != null)
                .ifPresent(row -> request.setProperty(ENROL_BY, row.twoFactorDue()));
        Optional<Viewer> v = live.map(row -> toViewer(row.identity()));
        v.ifPresent(viewer -> request.setProperty(Viewer.class.getName(), viewer));
        return v;
    }

    /**
     * The API caller of the request's session cookie, for API reads from a signed-in browser: only a live session
     * that has its second factor, and whose user needs no new password and no two-factor enrolment first.
     */
    public Optional<org.aptrust.registry.api.auth.ApiCaller> apiCaller(ContainerRequestContext request) {
        jakarta.ws.rs.core.Cookie c = request.getCookies().get(SessionCookies.NAME);
        if (c == null) {
            return Optional.empty();
        }
        Optional<WebSession> decoded = cookies.codec().decode(c.getValue(), clock.instant());
        if (decoded.isEmpty() || !decoded.get().isSignedIn()) {
            return Optional.empty();
        }
        request.setProperty(WebSession.PROPERTY, decoded.get());
        return viewer(request)
                .filter(v -> !awaitingSecondFactor(request) && !mustChangePassword(request)
                        && !mustEnrolTwoFactor(request))
                .map(v -> new org.aptrust.registry.api.auth.ApiCaller(v.id(), v.email(), v.role(),
                        v.institutionId()));
    }

    /** True when the signed-in user must choose a new password before anything else (after {@link #viewer}). */
    public static boolean mustChangePassword(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(MUST_CHANGE));
    }

    /** True while the request's session has its password but not its second factor (after {@link #viewer}). */
    public static boolean awaitingSecondFactor(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(AWAITING_SECOND_FACTOR));
    }

    /** True when the user must turn two-factor sign-in on before anything else (after {@link #viewer}). */
    public static boolean mustEnrolTwoFactor(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(MUST_ENROL));
    }

    /**
     * The end of the user's grace period when two-factor sign-in is required of them and they have not turned it on
     * yet (after {@link #viewer}); empty otherwise, and once it is over (then they must enrol before anything else).
     */
    public static Optional<LocalDateTime> enrolTwoFactorBy(ContainerRequestContext request) {
        return request.getProperty(ENROL_BY) instanceof LocalDateTime due ? Optional.of(due) : Optional.empty();
    }

    /** Counts a wrong second-factor code against the user and the client's address; true when they must wait. */
    public boolean secondFactorThrottled(String email, String clientAddress) {
        return !throttle.waitBefore("2fa:" + email, clientAddress).isZero();
    }

    public void secondFactorFailed(String email, String clientAddress) {
        throttle.recordFailure("2fa:" + email, clientAddress);
    }

    public void secondFactorSucceeded(String email) {
        throttle.recordSuccess("2fa:" + email);
    }

    /**
     * Checks a signed-in user's current password (changing it needs it), throttled like sign-in: failures count for
     * the user's email and the client's address.
     */
    public PasswordCheck checkPassword(Viewer v, String password, String clientAddress) {
        if (!throttle.waitBefore(v.email(), clientAddress).isZero()) {
            return PasswordCheck.THROTTLED;
        }
        Optional<UserCredentials> u = jdbi.withExtension(CredentialsDao.class, dao -> dao.findById(v.id()));
        if (u.isPresent() && Passwords.matches(password, u.get().encryptedPassword())) {
            return PasswordCheck.OK;
        }
        throttle.recordFailure(v.email(), clientAddress);
        return PasswordCheck.WRONG;
    }

    public enum PasswordCheck { OK, WRONG, THROTTLED }

    /** Counts a failed guess of something secret (a reset token) against the client's address and a key. */
    public boolean throttled(String key, String clientAddress) {
        return !throttle.waitBefore(key, clientAddress).isZero();
    }

    public void recordFailure(String key, String clientAddress) {
        throttle.recordFailure(key, clientAddress);
    }

    /** The id of the request's live server-side session (after {@link #viewer} found it). */
    public static Optional<Long> sessionId(ContainerRequestContext request) {
        return request.getProperty(SESSION_ID) instanceof Long id ? Optional.of(id) : Optional.empty();
    }

    /** The outcome of a sign-in attempt. */
    public sealed interface SignInResult {
        /**
         * The new session, already recorded server-side: the caller sets its cookie. {@code awaitingSecondFactor}:
         * the user has two-factor sign-in on, and the session opens nothing but the second-factor pages until a code
         * is given.
         */
        record Success(Viewer viewer, WebSession session, boolean awaitingSecondFactor) implements SignInResult {
        }

        /** Wrong password, unknown email, deactivated or role-less: one answer for all. */
        record Refused() implements SignInResult {
        }

        record Throttled(Duration retryAfter) implements SignInResult {
        }
    }

    public SignInResult signIn(String email, String password, String clientAddress, String userAgent) {
        Duration wait = throttle.waitBefore(email, clientAddress);
        if (!wait.isZero()) {
            return new SignInResult.Throttled(wait);
        }
        String e = email == null ? "" : email.strip();
        Optional<UserCredentials> user = e.isEmpty() ? Optional.empty()
                : jdbi.withExtension(CredentialsDao.class, dao -> dao.findByEmail(e));
        boolean ok;
        if (user.isPresent()) {
            ok = Passwords.matches(password, user.get().encryptedPassword()) && user.get().identity().mayAuthenticate();
        } else {
            Passwords.burn(password); // the same time for an unknown email as for a wrong password
            ok = false;
        }
        if (!ok) {
            throttle.recordFailure(e, clientAddress);
            return new SignInResult.Refused();
        }
        throttle.recordSuccess(e);
        UserIdentity u = user.get().identity();
        WebSession session = WebSession.signedIn(u.id(), clock.instant());
        boolean awaiting = jdbi.inTransaction(h -> {
            h.attach(CredentialsDao.class).recordSignIn(u.id(), clientAddress);
            WebSessionDao sessions = h.attach(WebSessionDao.class);
            sessions.forgetOld(u.id(), maxAgeSeconds());
            long id = sessions.create(tokenHash(session), u.id(), clientAddress, userAgent);
            TwoFactorDao twoFactor = h.attach(TwoFactorDao.class);
            boolean on = twoFactor.state(u.id(), twoFactorGrace.toSeconds()).map(TwoFactorState::twoFactorOn)
                    .orElse(false);
            if (on) { // a password alone never opens an account that says two-factor is on
                twoFactor.awaitSecondFactor(id);
            }
            return on;
        });
        return new SignInResult.Success(toViewer(u), session, awaiting);
    }

    /** Ends the request's session only: the user's other sessions go on. */
    public void signOut(ContainerRequestContext request) {
        WebSession s = session(request);
        if (s != null && s.isSignedIn()) {
            jdbi.useExtension(WebSessionDao.class, dao -> dao.revokeByHash(tokenHash(s), "sign_out"));
        }
    }

    /** Ends every session of the user, this one included. */
    public int signOutEverywhere(int userId) {
        return jdbi.withExtension(WebSessionDao.class, dao -> dao.revokeAll(userId, "sign_out_everywhere"));
    }

    /** The user's live sessions, newest activity first. */
    public List<WebSessionRow> liveSessions(int userId) {
        return jdbi.withExtension(WebSessionDao.class, dao -> dao.liveFor(userId, maxAgeSeconds()));
    }

    /** Ends one of the user's own sessions; false when it is not theirs or already ended. */
    public boolean endSession(int userId, long sessionId) {
        return jdbi.withExtension(WebSessionDao.class, dao -> dao.revoke(userId, sessionId, "ended_by_user")) > 0;
    }

    private long maxAgeSeconds() {
        return cookies.codec().maxAge().toSeconds();
    }

    /** The server-side key of a session: SHA-256 of its cookie's nonce (the nonce itself is never stored). */
    static byte[] tokenHash(WebSession s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.nonce().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Viewer toViewer(UserIdentity u) {
        return new Viewer(u.id(), u.email(), u.name(), u.roleValue(), u.institutionId());
    }
}
