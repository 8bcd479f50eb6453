package org.aptrust.registry.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Says which PostgreSQL the suite ran on, proves REGISTRY_TEST_DB_URL is honoured when set, and checks the major
 * version that REGISTRY_EXPECT_PG_MAJOR names.
 */
class TestServerTest {

    @Test
    void usesTheConfiguredServer() {
        TestPostgres.Server server = TestPostgres.server();
        String version = server.serverVersion();
        System.out.println("test PostgreSQL: " + server.source() + " version " + version);
        String url = System.getenv(TestPostgres.URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            assertThat(server.source()).startsWith("external");
        } else {
            assertThat(server.source()).matches("(embedded|testcontainers).*");
        }
        assertThat(Integer.parseInt(version.split("\\.")[0])).isGreaterThanOrEqualTo(15);
        // .ci/run's second pass names the major version it started, so a run that silently fell back to another
        // server fails instead of passing.
        String expected = System.getenv("REGISTRY_EXPECT_PG_MAJOR");
        if (expected != null && !expected.isBlank()) {
            assertThat(version.split("\\.")[0]).as("PostgreSQL major version").isEqualTo(expected.strip());
        }
    }
}
