package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Outside development the service needs a real session key, and says how to give it one. */
class SessionKeyRefusalTest {

    private static void assertRefuses(DropwizardAppExtension<RegistryConfiguration> app, String message) {
        try {
            assertThatThrownBy(app::before).hasStackTraceContaining(message);
        } finally {
            app.after();
        }
    }

    @Test
    void externalConfigurationWithoutTheKeyDoesNotStart() {
        Assumptions.assumeTrue(System.getenv("REGISTRY_SESSION_KEY") == null, "REGISTRY_SESSION_KEY is set here");
        assertRefuses(new DropwizardAppExtension<>(RegistryApplication.class, ConfigFiles.path("external.yml"),
                ConfigOverride.config("database.url", "jdbc:postgresql://127.0.0.1:1/never_reached")),
                "web.sessionKey is not set: set REGISTRY_SESSION_KEY");
    }

    @Test
    void aShortKeyDoesNotStart() {
        assertRefuses(new DropwizardAppExtension<>(RegistryApplication.class, ConfigFiles.path("test.yml"),
                ConfigOverride.config("web.sessionKey", "too-short")), "web.sessionKey is too short");
    }
}
