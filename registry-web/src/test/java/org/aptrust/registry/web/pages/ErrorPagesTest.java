package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Unexpected failures and wrong methods get the friendly page, never a stack trace. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorPagesTest {

    /** A page that fails the way a bug would. */
    @Path("/boom")
    public static class Boom {
        @GET
        public String boom() {
            throw new IllegalStateException("secret detail that must not reach the page");
        }
    }

    /** The real application plus the failing page. */
    public static class WithBoom extends RegistryApplication {
        @Override
        public void run(RegistryConfiguration config, Environment environment) {
            super.run(config, environment);
            environment.jersey().register(new Boom());
        }
    }

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = new DropwizardAppExtension<>(WithBoom.class,
            ConfigFiles.path("test.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("database.user", DB.user() == null ? "" : DB.user()),
            ConfigOverride.config("database.password", DB.password() == null ? "" : DB.password()));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void anUnexpectedFailureShowsTheFriendlyPage() {
        PageClient c = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        PageClient.Page p = c.get("/boom");
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.header("Content-Type")).startsWith("text/html");
        assertThat(p.text("h1")).isEqualTo("Something went wrong");
        assertThat(p.text(".error-message")).startsWith("The Registry could not complete the request.")
                .containsPattern("Reference: [0-9a-f]+\\.");
        assertThat(p.body()).doesNotContain("secret detail").doesNotContain("IllegalStateException")
                .doesNotContain("\tat ");
        assertThat(p.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void aWrongMethodShowsTheFriendlyPage() {
        PageClient c = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        c.get("/dashboard");
        PageClient.Page p = c.post("/objects", Map.of());
        assertThat(p.status()).isEqualTo(405);
        assertThat(p.text("h1")).isEqualTo("Not allowed");
        assertThat(p.header("Content-Type")).startsWith("text/html");
    }
}
