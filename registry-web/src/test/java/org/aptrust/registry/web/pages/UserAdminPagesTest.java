package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deactivate and reactivate at the original's URLs: who may, what it ends, and the history it leaves. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserAdminPagesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static PageClient as(String email) {
        return new PageClient(APP.getLocalPort()).signIn(email);
    }

    private static int signInStatus(String email) {
        PageClient c = new PageClient(APP.getLocalPort());
        c.get("/users/sign_in");
        return c.post("/users/sign_in", PageClient.form("email", email, "password", "password")).status();
    }

    @Test
    void anInstitutionalAdminDeactivatesAUserWhoseSessionsEndAndReactivatesThem() {
        PageClient user = as("user@inst1.edu");
        PageClient admin = as("admin@inst1.edu");
        PageClient.Page page = admin.get("/users/show/4");
        assertThat(page.doc().select("form[action=/users/delete/4] button").text()).isEqualTo("Deactivate");
        assertThat(admin.post("/users/delete/4", Map.of()).status()).isEqualTo(303);
        assertThat(user.get("/dashboard").status()).isEqualTo(303);
        assertThat(signInStatus("user@inst1.edu")).isEqualTo(401);

        PageClient.Page after = admin.get("/users/show/4");
        assertThat(after.doc().select("form[action=/users/undelete/4] button").text()).isEqualTo("Reactivate");
        assertThat(after.column("#history table", "What")).first().isEqualTo("deactivated");
        assertThat(after.column("#history table", "By")).first().isEqualTo("admin@inst1.edu");

        assertThat(admin.post("/users/undelete/4", Map.of()).status()).isEqualTo(303);
        assertThat(signInStatus("user@inst1.edu")).isEqualTo(303);
        assertThat(admin.get("/users/show/4").column("#history table", "What")).startsWith("reactivated",
                "deactivated");
    }

    @Test
    void nobodyDeactivatesThemselvesAnotherInstitutionsUserOrAnAdmin() {
        PageClient admin = as("admin@inst2.edu");
        admin.get("/users/show/7");
        assertThat(admin.post("/users/delete/7", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/users/delete/4", Map.of()).status()).isEqualTo(404);
        assertThat(admin.post("/users/delete/1", Map.of()).status()).isEqualTo(404);
        PageClient user = as("user@test.edu");
        user.get("/dashboard");
        assertThat(user.post("/users/delete/10", Map.of()).status()).isEqualTo(403);
        assertThat(signInStatus("admin@test.edu")).isEqualTo(303);

        PageClient sys = as("system@aptrust.org");
        sys.get("/users/show/14");
        assertThat(sys.post("/users/delete/14", Map.of()).status()).isEqualTo(303);
        assertThat(signInStatus("sms_user@example.com")).isEqualTo(401);
    }
}
