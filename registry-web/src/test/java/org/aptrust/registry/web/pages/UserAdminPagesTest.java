package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deactivate and reactivate at the original's URLs: who may, what it ends, and the history it leaves. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserAdminPagesTest {

    static final FixtureApp APP = new FixtureApp();

    private static int signInStatus(String email) {
        PageClient c = new PageClient(APP.getLocalPort());
        c.get("/users/sign_in");
        return c.post("/users/sign_in", PageClient.form("email", email, "password", "password")).status();
    }

    @Test
    void anInstitutionalAdminDeactivatesAUserWhoseSessionsEndAndReactivatesThem() {
        PageClient user = APP.as("user@inst1.edu");
        PageClient admin = APP.as("admin@inst1.edu");
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
        PageClient admin = APP.as("admin@inst2.edu");
        admin.get("/users/show/7");
        assertThat(admin.post("/users/delete/7", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/users/delete/4", Map.of()).status()).isEqualTo(404);
        assertThat(admin.post("/users/delete/1", Map.of()).status()).isEqualTo(404);
        PageClient user = APP.as("user@test.edu");
        user.get("/dashboard");
        assertThat(user.post("/users/delete/10", Map.of()).status()).isEqualTo(403);
        assertThat(signInStatus("admin@test.edu")).isEqualTo(303);

        PageClient sys = APP.as("system@aptrust.org");
        sys.get("/users/show/14");
        assertThat(sys.post("/users/delete/14", Map.of()).status()).isEqualTo(303);
        assertThat(signInStatus("sms_user@example.com")).isEqualTo(401);
    }
}
