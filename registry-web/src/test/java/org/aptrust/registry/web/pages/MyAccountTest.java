package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.dao.UserAuditDao;
import org.aptrust.registry.db.model.UserAuditEvent;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /users/my_account and POST /users/get_api_key/:id, with the API's key cache forgetting the replaced key. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MyAccountTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    /** The default cache: a good check is remembered 5 minutes, the stored hash re-read after 1 s. */
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("api.authCacheExpiry", "5m"), ConfigOverride.config("api.authRecheckInterval", "1s"));
    private static final String API_ROUTE = "/member-api/v3/objects?per_page=1";

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void theAccountPageShowsTheUserAndTheirLiveSessions() {
        PageClient laptop = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        PageClient phone = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        PageClient.Page page = laptop.get("/users/my_account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("table.facts td").eachText()).contains("user@inst1.edu");
        List<String> marks = page.column("table.sessions", "");
        assertThat(marks).contains("this session");
        int before = marks.size();

        // end the phone's session from the laptop: the phone is signed out, the laptop is not
        String endPhone = page.doc().select("table.sessions form").attr("action");
        assertThat(endPhone).startsWith("/users/sessions/end/");
        assertThat(laptop.post(endPhone, Map.of()).status()).isEqualTo(303);
        assertThat(phone.get("/dashboard").status()).isEqualTo(303);
        assertThat(laptop.get("/users/my_account").column("table.sessions", "")).hasSize(before - 1);

        // another user's session id ends nothing: 404, and the laptop stays signed in
        long laptopSession = APP.<RegistryApplication>getApplication().jdbi().withHandle(h -> h.createQuery(
                "SELECT s.id FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'user@inst1.edu'"
                        + " AND s.revoked_at IS NULL").mapTo(Long.class).one());
        PageClient other = new PageClient(APP.getLocalPort()).signIn("admin@inst1.edu");
        other.get("/users/my_account");
        assertThat(other.post("/users/sessions/end/" + laptopSession, Map.of()).status()).isEqualTo(404);
        assertThat(laptop.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void aNewApiKeyIsShownOnceOnlyItsHashIsStoredAndTheOldKeyStopsWorking() throws Exception {
        String user = "admin@inst2.edu";
        // the fixture key works and is now remembered by the API's cache
        assertThat(ApiClient.as(APP.getLocalPort(), user, ApiClient.FIXTURE_KEY).get(API_ROUTE).status())
                .isEqualTo(200);
        PageClient c = new PageClient(APP.getLocalPort()).signIn(user);
        PageClient.Page account = c.get("/users/my_account");
        String action = account.doc().select("form[action^=/users/get_api_key/]").attr("action");
        PageClient.Page shown = c.post(action, Map.of());
        assertThat(shown.status()).isEqualTo(200);
        String key = shown.text("code.api-key");
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(c.get("/users/my_account").body()).doesNotContain(key);

        int id = Integer.parseInt(action.substring(action.lastIndexOf('/') + 1));
        String stored = APP.<RegistryApplication>getApplication().jdbi().withHandle(h -> h.createQuery(
                "SELECT encrypted_api_secret_key FROM users WHERE id = :id").bind("id", id).mapTo(String.class).one());
        assertThat(stored).startsWith("$2a$10$").doesNotContain(key);

        Thread.sleep(1100); // past api.authRecheckInterval: the remembered check reads the row again
        assertThat(ApiClient.as(APP.getLocalPort(), user, ApiClient.FIXTURE_KEY).get(API_ROUTE).status())
                .isEqualTo(401);
        assertThat(ApiClient.as(APP.getLocalPort(), user, key).get(API_ROUTE).status()).isEqualTo(200);

        List<UserAuditEvent> audit = APP.<RegistryApplication>getApplication().jdbi().withExtension(
                UserAuditDao.class, dao -> dao.forUser(id, 10));
        assertThat(audit).anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("api_key_issued");
                    assertThat(e.actorEmail()).isEqualTo(user);
                    assertThat(e.detail()).doesNotContain(key);
                });
    }

    @Test
    void nobodyGetsAKeyForSomeoneElseNotEvenAnAdmin() {
        PageClient admin = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        admin.get("/users/my_account");
        assertThat(admin.post("/users/get_api_key/3", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/users/get_api_key/abc", Map.of()).status()).isEqualTo(403);
        assertThat(new PageClient(APP.getLocalPort()).get("/users/my_account").status()).isEqualTo(303);
    }
}
