package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /internal/mail without an SMTP server (test.yml, like the embedded default): admins read the outbox. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MailOutboxPageTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void adminsSeeWaitingMessagesWithTheirLinksClickable() {
        RegistryApplication app = APP.getApplication();
        app.jdbi().useExtension(MailOutboxDao.class, dao -> dao.enqueue(new OutgoingMail("password_reset",
                "Reset <it>", "Follow http://localhost:8080/users/complete_password_reset/3?token=t0k&a=<b> now.",
                "<p>x</p>", 3, List.of("user@inst1.edu", "other@inst1.edu"))));

        PageClient admin = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        PageClient.Page page = admin.get("/internal/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text(".notice")).contains("No SMTP server is configured");
        assertThat(page.text(".mail-message h2")).isEqualTo("Reset <it>");
        assertThat(page.doc().select(".mail-body a").eachAttr("href"))
                .containsExactly("http://localhost:8080/users/complete_password_reset/3?token=t0k&a=");
        assertThat(page.text(".mail-body")).isEqualTo(
                "Follow http://localhost:8080/users/complete_password_reset/3?token=t0k&a=<b> now.");
        assertThat(page.body()).doesNotContain("<b> now").contains("&lt;b&gt; now");
        assertThat(page.column(".mail-recipients", "To")).containsExactly("user@inst1.edu", "other@inst1.edu");
        assertThat(page.column(".mail-recipients", "State")).containsExactly("pending", "pending");
    }

    @Test
    void nobodyElseSeesTheOutbox() {
        for (String email : List.of("admin@inst1.edu", "user@inst1.edu")) {
            assertThat(new PageClient(APP.getLocalPort()).signIn(email).get("/internal/mail").status())
                    .as(email).isEqualTo(403);
        }
        assertThat(new PageClient(APP.getLocalPort()).get("/internal/mail").status()).isEqualTo(303);
    }
}
