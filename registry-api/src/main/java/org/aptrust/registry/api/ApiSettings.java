package org.aptrust.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The {@code api:} section of the configuration. */
public class ApiSettings {

    /** How long a successful API-key check is remembered at most. */
    @NotNull
    @JsonProperty
    private Duration authCacheExpiry = Duration.minutes(5);

    /**
     * How long a remembered check is trusted before the user's row is read again (no bcrypt): a changed key, a
     * deactivation or a role change applies within this. 0 reads the row on every request.
     */
    @NotNull
    @JsonProperty
    private Duration authRecheckInterval = Duration.seconds(1);

    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private long authCacheSize = 10_000;

    /**
     * Failed API-key checks for one user (ten times as many from one client address) before each further attempt
     * must wait, 1 s doubling up to 5 minutes (429 with Retry-After). Counted in the database, for every instance.
     */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int keyFailuresBeforeDelay = 5;

    /** The web address of this Registry, for links in alerts (no trailing slash). */
    @NotNull
    @JsonProperty
    private String publicUrl = "http://localhost:8080";

    /**
     * nsqd's HTTP address (http://host:4151) to publish requeued work items to. Empty: no queue; a requeue is
     * recorded in the work item (Pending, queued_at NULL, the topic in its note) for a worker or a later publish.
     */
    @JsonProperty
    private String nsqUrl = "";

    /**
     * The shared secret (a UUID) a batch deletion request must carry (POST /admin-api/v3/objects/init_batch_delete,
     * the original's BATCH_DELETION_KEY). Empty or not a UUID: batch deletion is refused. Never logged.
     */
    @JsonProperty
    private String batchDeletionKey = "";

    /** Where the preservation workers keep work items' in-flight state (optional). */
    @jakarta.validation.Valid
    @NotNull
    @JsonProperty
    private org.aptrust.registry.api.redis.RedisSettings redis = new org.aptrust.registry.api.redis.RedisSettings();

    /** The original's test-only admin routes (prepare_file_delete, prepare_object_delete); off by default. */
    @JsonProperty
    private boolean testRoutes = false;

    /** Whether this configuration may turn the test routes on at all (config/external.yml says no). */
    @JsonProperty
    private boolean testRoutesAllowed = true;

    public boolean testRoutes() {
        return testRoutes;
    }

    /**
     * @param databaseProblem why the database is not a disposable one, or null when it is
     * @throws IllegalStateException when the test routes are on where they may not be: the service does not start
     */
    public void checkTestRoutes(String databaseProblem) {
        if (!testRoutes) {
            return;
        }
        if (!testRoutesAllowed) {
            throw new IllegalStateException("api.testRoutes is on, but this configuration does not allow the"
                    + " test-only routes (api.testRoutesAllowed: false, as in config/external.yml): they go around"
                    + " the deletion workflow. Turn api.testRoutes off.");
        }
        if (databaseProblem != null) {
            throw new IllegalStateException("api.testRoutes is on, but the database is not a disposable one ("
                    + databaseProblem + "): the test-only routes go around the deletion workflow.");
        }
    }

    public org.aptrust.registry.api.redis.RedisSettings redis() {
        return redis;
    }

    public String batchDeletionKey() {
        return batchDeletionKey == null ? "" : batchDeletionKey;
    }

    public java.time.Duration authCacheExpiry() {
        return authCacheExpiry.toJavaDuration();
    }

    public java.time.Duration authRecheckInterval() {
        return authRecheckInterval.toJavaDuration();
    }

    public long authCacheSize() {
        return authCacheSize;
    }

    public int keyFailuresBeforeDelay() {
        return keyFailuresBeforeDelay;
    }

    public String publicUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The nsqd address, or "" when no queue is configured (an empty setting reads as null in YAML). */
    public String nsqUrl() {
        return nsqUrl == null ? "" : nsqUrl.strip();
    }
}
