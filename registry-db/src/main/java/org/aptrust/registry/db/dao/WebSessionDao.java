package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.SessionUser;
import org.aptrust.registry.db.model.WebSessionRow;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Server-side web sessions (migration 031), found by the SHA-256 of the nonce the signed cookie carries. A session
 * is live while it is not revoked and younger than the configured maximum age.
 */
@RegisterConstructorMapper(SessionUser.class)
@RegisterConstructorMapper(WebSessionRow.class)
public interface WebSessionDao {

    String LIVE = "s.revoked_at IS NULL"
            + " AND s.created_at > now() AT TIME ZONE 'UTC' - make_interval(secs => :maxAgeSeconds)";

    @SqlUpdate("INSERT INTO web_sessions (token_hash, user_id, ip, user_agent)"
            + " VALUES (:tokenHash, :userId, left(:ip, 64), left(:userAgent, 512))")
    @GetGeneratedKeys("id")
    long create(@Bind("tokenHash") byte[] tokenHash, @Bind("userId") int userId, @Bind("ip") String ip,
                @Bind("userAgent") String userAgent);

    /**
     * The live session of this hash with its user (whatever the user's state: the caller decides), whether it still
     * awaits its second factor, and whether the user must enrol in two-factor sign-in before anything else (it is
     * required of them, they have not, and the grace period counted from the institution's requirement, or their
     * own users.grace_period, is over); and while that grace period lasts, its end (two_factor_due).
     */
    @SqlQuery("SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.name, u.role, u.institution_id,"
            + " u.deactivated_at, COALESCE(u.force_password_update, false) AS force_password_update,"
            + " s.awaiting_second_factor,"
            + " (COALESCE(i.otp_enabled, false) OR COALESCE(u.otp_required_for_login, false))"
            + "  AND NOT (COALESCE(u.enabled_two_factor, false) AND COALESCE(u.confirmed_two_factor, false))"
            + "  AND COALESCE(u.grace_period, i.otp_required_since + make_interval(secs => :graceSeconds),"
            + "   '-infinity') <= now() AT TIME ZONE 'UTC' AS must_enrol_two_factor,"
            + " CASE WHEN (COALESCE(i.otp_enabled, false) OR COALESCE(u.otp_required_for_login, false))"
            + "  AND NOT (COALESCE(u.enabled_two_factor, false) AND COALESCE(u.confirmed_two_factor, false))"
            + "  THEN COALESCE(u.grace_period, i.otp_required_since + make_interval(secs => :graceSeconds)) END"
            + " AS two_factor_due"
            + " FROM web_sessions s JOIN users u ON u.id = s.user_id LEFT JOIN institutions i ON i.id = u.institution_id"
            + " WHERE s.token_hash = :tokenHash AND " + LIVE)
    Optional<SessionUser> findLive(@Bind("tokenHash") byte[] tokenHash, @Bind("maxAgeSeconds") long maxAgeSeconds,
                                   @Bind("graceSeconds") long graceSeconds);

    /** Records activity, at most once a minute per session (a page view must not always write). */
    @SqlUpdate("UPDATE web_sessions SET last_seen_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id AND last_seen_at < now() AT TIME ZONE 'UTC' - interval '1 minute'")
    int touch(@Bind("id") long id);

    @SqlUpdate("UPDATE web_sessions SET revoked_at = now() AT TIME ZONE 'UTC', revoked_reason = :reason"
            + " WHERE token_hash = :tokenHash AND revoked_at IS NULL")
    int revokeByHash(@Bind("tokenHash") byte[] tokenHash, @Bind("reason") String reason);

    /** One of the user's own sessions (the account page's "end" button): never another user's. */
    @SqlUpdate("UPDATE web_sessions SET revoked_at = now() AT TIME ZONE 'UTC', revoked_reason = :reason"
            + " WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
    int revoke(@Bind("userId") int userId, @Bind("id") long id, @Bind("reason") String reason);

    @SqlUpdate("UPDATE web_sessions SET revoked_at = now() AT TIME ZONE 'UTC', revoked_reason = :reason"
            + " WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAll(@Bind("userId") int userId, @Bind("reason") String reason);

    /** Every session of the user but one (a password change keeps the session that made it). */
    @SqlUpdate("UPDATE web_sessions SET revoked_at = now() AT TIME ZONE 'UTC', revoked_reason = :reason"
            + " WHERE user_id = :userId AND id <> :keep AND revoked_at IS NULL")
    int revokeOthers(@Bind("userId") int userId, @Bind("keep") long keep, @Bind("reason") String reason);

    @SqlQuery("SELECT s.id, s.created_at, s.last_seen_at, s.ip, s.user_agent FROM web_sessions s"
            + " WHERE s.user_id = :userId AND " + LIVE + " ORDER BY s.last_seen_at DESC, s.id DESC")
    List<WebSessionRow> liveFor(@Bind("userId") int userId, @Bind("maxAgeSeconds") long maxAgeSeconds);

    /** Forgets the user's sessions that ended (revoked or expired) more than 30 days ago. */
    @SqlUpdate("DELETE FROM web_sessions WHERE user_id = :userId"
            + " AND (revoked_at < now() AT TIME ZONE 'UTC' - interval '30 days'"
            + " OR created_at < now() AT TIME ZONE 'UTC' - interval '30 days' - make_interval(secs => :maxAgeSeconds))")
    int forgetOld(@Bind("userId") int userId, @Bind("maxAgeSeconds") long maxAgeSeconds);
}
