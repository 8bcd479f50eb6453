package org.aptrust.registry.api.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code api.redis:} section: where the preservation workers keep each work item's in-flight state (the
 * original's REDIS_URL, REDIS_PASSWORD, REDIS_DEFAULT_DB). An empty address means none is configured: the work
 * item pages say so and {@code redis_delete} answers 503.
 */
public class RedisSettings {

    /** host:port, as the original's REDIS_URL; empty: no Redis. */
    @JsonProperty
    private String address = "";

    @JsonProperty
    private String password = "";

    @Min(0)
    @Max(15)
    @JsonProperty
    private int db = 0;

    /** Connect and read timeout of one command: an unreachable Redis must not hold a page for long. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(2);

    public String address() {
        return address == null ? "" : address.strip();
    }

    public String password() {
        return password == null ? "" : password;
    }

    public int db() {
        return db;
    }

    public java.time.Duration timeout() {
        return timeout.toJavaDuration();
    }

    public boolean configured() {
        return !address().isEmpty();
    }
}
