package org.aptrust.registry.web.workflows;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;

/** The {@code deletions:} section of the configuration. */
public class DeletionSettings {

    /**
     * How long a deletion request's emailed review link works: after this, the request can no longer be approved
     * or cancelled, and whoever wants the deletion asks again.
     */
    @NotNull
    @MinDuration(value = 1, unit = java.util.concurrent.TimeUnit.MINUTES)
    @JsonProperty
    private Duration confirmationValidity = Duration.days(14);

    public java.time.Duration confirmationValidity() {
        return confirmationValidity.toJavaDuration();
    }
}
