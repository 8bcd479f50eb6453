package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A CSV download stops at the configured cap, and the list page says where the cap is. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CsvCapTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("web.csvMaxRows", "5"));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void csvStopsAtTheCap() throws Exception {
        PageClient c = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        assertThat(PagesByRoleTest.ok(c, "/files").text("p.csv")).contains("up to 5 rows");
        assertThat(ReportsAndCsvTest.csv(c.get("/files?format=csv"))).hasSize(5);
    }
}
