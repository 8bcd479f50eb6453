package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The application hands out working DAOs on its pooled Jdbi, and times every DAO method it runs. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DaoWiringTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();

    static final DropwizardAppExtension<RegistryConfiguration> APP = new DropwizardAppExtension<>(
            RegistryApplication.class, ConfigFiles.path("test.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("database.user", DB.user() == null ? "" : DB.user()),
            ConfigOverride.config("database.password", DB.password() == null ? "" : DB.password()));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void daosReadThroughTheApplicationsJdbiAndAreTimed() {
        RegistryApplication app = APP.getApplication();
        ListQuery active = ListQuery.parse(Lists.OBJECTS, Map.of("state", List.of("A")), Scope.institution(2),
                Set.of());
        assertThat(app.daos().objects().list(active).total()).isEqualTo(5);
        assertThat(app.daos().files().detail(4).orElseThrow().checksums()).hasSize(4);
        assertThat(APP.getEnvironment().metrics().getTimers().keySet())
                .anyMatch(name -> name.contains("IntellectualObjectDao"))
                .anyMatch(name -> name.contains("GenericFileDao"));
    }
}
