package org.aptrust.registry.db.dao;

import java.time.OffsetDateTime;
import java.util.List;

import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failure counts of the sign-in and API-key throttles, shared by every instance (auth_failures, migration 070). */
public interface AuthFailureDao {

    /** A key's count: failures in a row and when the last one was. */
    record Count(@ColumnName("key") String key, @ColumnName("failures") int failures,
                 @ColumnName("last_failure_at") OffsetDateTime lastFailureAt) {
    }

    @SqlQuery("SELECT key, failures, last_failure_at FROM auth_failures WHERE key = ANY(:keys)")
    @RegisterConstructorMapper(Count.class)
    List<Count> counts(@Bind("keys") String[] keys);

    /** One more failure for each key; a count whose last failure is before {@code restartBefore} starts again at 1. */
    @SqlUpdate("INSERT INTO auth_failures AS f (key, failures, last_failure_at)"
            + " SELECT k, 1, :now FROM unnest(CAST(:keys AS text[])) AS k"
            + " ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN f.last_failure_at < :restartBefore THEN 1"
            + " ELSE f.failures + 1 END, last_failure_at = excluded.last_failure_at")
    void fail(@Bind("keys") String[] keys, @Bind("now") OffsetDateTime now,
              @Bind("restartBefore") OffsetDateTime restartBefore);

    @SqlUpdate("DELETE FROM auth_failures WHERE key = :key")
    void clear(@Bind("key") String key);

    @SqlUpdate("DELETE FROM auth_failures WHERE last_failure_at < :before")
    int forgetBefore(@Bind("before") OffsetDateTime before);
}
