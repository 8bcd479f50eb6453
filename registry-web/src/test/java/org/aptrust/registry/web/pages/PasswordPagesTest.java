package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.model.OutboxEntry;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.auth.ResetTokens;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Change, forgot, an admin's reset and completing a reset, over HTTP, with the outbox as the mailbox. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PasswordPagesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);
    private static final String NEW = "Tidal-Kestrel-42";
    private static final Pattern LINK = Pattern.compile("http://\\S+/users/complete_password_reset/(\\d+)\\?token=(\\S+)");

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static Jdbi jdbi() {
        return APP.<RegistryApplication>getApplication().jdbi();
    }

    private static List<OutboxEntry> mailAbout(int userId) {
        return jdbi().withExtension(MailOutboxDao.class, dao -> dao.aboutUser(userId));
    }

    private static PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    private static PageClient.Page signIn(PageClient c, String email, String password) {
        c.get("/users/sign_in");
        return c.post("/users/sign_in", PageClient.form("email", email, "password", password));
    }

    private static List<String> errorFields(PageClient.Page p) {
        return p.doc().select(".form-error").eachAttr("data-field");
    }

    @Test
    void changingOnesPasswordNeedsTheCurrentOneAPolicyAndEndsTheOtherSessions() {
        PageClient here = client().signIn("user@test.edu");
        PageClient elsewhere = client().signIn("user@test.edu");
        String path = "/users/change_password/11";
        here.get(path);

        PageClient.Page wrong = here.post(path, PageClient.form("current_password", "nope",
                "password", NEW, "password_confirmation", NEW));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(errorFields(wrong)).containsExactly("current_password");

        PageClient.Page weak = here.post(path, PageClient.form("current_password", "password",
                "password", "Password1", "password_confirmation", "Password2"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.doc().select(".form-error").eachText()).contains(
                "password must be at least 10 characters long", "password_confirmation does not match the new password");
        PageClient.Page common = here.post(path, PageClient.form("current_password", "password",
                "password", "Password123", "password_confirmation", "Password123"));
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.text(".form-error")).contains("most common passwords");

        PageClient.Page ok = here.post(path, PageClient.form("current_password", "password",
                "password", NEW, "password_confirmation", NEW));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(here.get("/dashboard").status()).isEqualTo(200);
        assertThat(elsewhere.get("/dashboard").status()).isEqualTo(303);
        assertThat(signIn(client(), "user@test.edu", NEW).status()).isEqualTo(303);
        assertThat(signIn(client(), "user@test.edu", "password").status()).isEqualTo(401);
        assertThat(mailAbout(11)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("password_changed");
            assertThat(m.address()).isEqualTo("user@test.edu");
            assertThat(m.bodyText()).contains("127.0.0.1");
        });
        // nobody changes another user's password here
        assertThat(here.get("/users/change_password/4").status()).isEqualTo(403);
    }

    @Test
    void forgotPasswordAnswersAlikeAndItsLinkWorksOnceAndEndsEverySession() {
        PageClient signedIn = client().signIn("user@inst2.edu");
        PageClient anon = client();
        anon.get("/users/forgot_password");
        PageClient.Page unknown = anon.post("/users/forgot_password", PageClient.form("email", "nobody@nowhere.edu"));
        anon.get("/users/forgot_password");
        PageClient.Page known = anon.post("/users/forgot_password", PageClient.form("email", "USER@inst2.edu"));
        assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(known.text("main")).isEqualTo(unknown.text("main"));
        PageClient.Page bad = anon.post("/users/forgot_password", PageClient.form("email", "not an address"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactly("email");

        OutboxEntry mail = mailAbout(9).get(0);
        assertThat(mail.kind()).isEqualTo("password_reset");
        Matcher m = LINK.matcher(mail.bodyText());
        assertThat(m.find()).isTrue();
        String token = m.group(2);
        String stored = jdbi().withHandle(h -> h.createQuery("SELECT reset_password_token FROM users WHERE id = 9")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo(ResetTokens.hash(token)).doesNotContain(token);
        // asking did not force anything: the user's session goes on meanwhile
        assertThat(signedIn.get("/dashboard").status()).isEqualTo(200);

        String path = "/users/complete_password_reset/9";
        PageClient.Page form = anon.get(path + "?token=" + token);
        assertThat(form.doc().select("input[name=token]").attr("value")).isEqualTo(token);
        PageClient.Page wrongToken = anon.post(path, PageClient.form("token", token + "x", "password", NEW,
                "password_confirmation", NEW));
        assertThat(wrongToken.status()).isEqualTo(400);
        assertThat(errorFields(wrongToken)).containsExactly("token");
        PageClient.Page weak = anon.post(path, PageClient.form("token", token, "password", "short",
                "password_confirmation", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(errorFields(weak)).contains("password");

        PageClient.Page done = anon.post(path, PageClient.form("token", token, "password", NEW,
                "password_confirmation", NEW));
        assertThat(done.status()).isEqualTo(303);
        assertThat(signedIn.get("/dashboard").status()).isEqualTo(303);
        assertThat(signIn(client(), "user@inst2.edu", NEW).status()).isEqualTo(303);
        anon.get(path + "?token=" + token); // the reset ended the anonymous session too: a fresh form
        PageClient.Page again = anon.post(path, PageClient.form("token", token, "password", "Other-Pass-77",
                "password_confirmation", "Other-Pass-77"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(mailAbout(9).get(0).kind()).isEqualTo("password_changed");
    }

    @Test
    void anExpiredLinkIsRefused() {
        PageClient anon = client();
        anon.get("/users/forgot_password");
        anon.post("/users/forgot_password", PageClient.form("email", "admin2@inst2.edu"));
        Matcher m = LINK.matcher(mailAbout(8).get(0).bodyText());
        assertThat(m.find()).isTrue();
        jdbi().useHandle(h -> h.execute("UPDATE users SET reset_password_expires_at = now() AT TIME ZONE 'UTC'"
                + " - interval '1 second' WHERE id = 8"));
        anon.get("/users/complete_password_reset/8?token=" + m.group(2));
        PageClient.Page p = anon.post("/users/complete_password_reset/8", PageClient.form("token", m.group(2),
                "password", NEW, "password_confirmation", NEW));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.text(".form-error")).contains("expired");
        assertThat(signIn(client(), "admin2@inst2.edu", "password").status()).isEqualTo(303);
    }

    @Test
    void afterAnAdminsResetTheUserMustChooseANewPasswordBeforeAnythingElse() {
        PageClient admin = client().signIn("admin@inst1.edu");
        assertThat(admin.get("/users/init_password_reset/9").status()).isEqualTo(404); // another institution's user
        admin.get("/users/init_password_reset/4");
        PageClient.Page sent = admin.post("/users/init_password_reset/4", Map.of());
        assertThat(sent.status()).isEqualTo(303);
        assertThat(mailAbout(4).get(0).kind()).isEqualTo("password_reset");
        assertThat(client().signIn("user@inst1.edu").get("/users/init_password_reset/2").status()).isEqualTo(303);

        PageClient user = client();
        assertThat(signIn(user, "user@inst1.edu", "password").status()).isEqualTo(303);
        PageClient.Page dash = user.get("/dashboard");
        assertThat(dash.status()).isEqualTo(303);
        assertThat(dash.location()).endsWith("/users/change_password/4");
        assertThat(user.get("/objects").location()).endsWith("/users/change_password/4");
        user.get("/users/change_password/4");
        assertThat(user.post("/users/change_password/4", PageClient.form("current_password", "password",
                "password", NEW, "password_confirmation", NEW)).status()).isEqualTo(303);
        assertThat(user.get("/dashboard").status()).isEqualTo(200);
    }
}
