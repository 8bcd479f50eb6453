package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.internet.MimeMessage;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * New users, the edit form and the original's inline editor over HTTP, for every role, with a real SMTP server
 * (GreenMail) receiving the welcome mail whose link the test follows.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserFormPagesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final GreenMail SMTP = startSmtp();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("mail.smtp.host", "127.0.0.1"),
            ConfigOverride.config("mail.smtp.port", String.valueOf(SMTP.getSmtp().getPort())),
            ConfigOverride.config("mail.smtp.security", "none"),
            ConfigOverride.config("mail.pollInterval", "100ms"));
    private static final Pattern LINK = Pattern.compile("http://\\S+(/users/complete_password_reset/\\d+\\?token=\\S+)");
    private static final String NEW = "Granite-Heron-57";

    private static GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    @AfterAll
    static void drop() {
        SMTP.stop();
        DB.drop();
    }

    private static PageClient as(String email) {
        return new PageClient(APP.getLocalPort()).signIn(email);
    }

    private static List<String> errorFields(PageClient.Page p) {
        return p.doc().select(".form-error").eachAttr("data-field");
    }

    private static MimeMessage mailTo(String address) throws Exception {
        for (int i = 0; i < 200; i++) {
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + address);
    }

    @Test
    void anAdminCreatesAUserWhoGetsAWelcomeLinkFromThemAndChoosesAPassword() throws Exception {
        PageClient admin = as("system@aptrust.org");
        PageClient.Page list = admin.get("/users");
        assertThat(list.doc().select("p.create a[href=/users/new]").text()).isEqualTo("New user");
        PageClient.Page form = admin.get("/users/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.doc().select("select[name=role] option").eachAttr("value"))
                .containsExactly("admin", "institutional_admin", "institutional_user", "none");
        PageClient.Page created = admin.post("/users/new", PageClient.form("name", "Nora New", "email",
                "nora@test.edu", "phone_number", "(434) 555-0199", "role", "institutional_user", "institution_id", "4",
                "otp_required_for_login", "false"));
        assertThat(created.status()).isEqualTo(303);
        String show = java.net.URI.create(created.location()).getPath();
        assertThat(show).matches("/users/show/\\d+");
        PageClient.Page page = admin.get(show);
        assertThat(page.text("table.facts")).contains("Nora New", "nora@test.edu", "+14345550199", "Test University");
        assertThat(page.column("#history table", "What")).containsExactly("welcome_sent", "created");
        assertThat(page.column("#history table", "By")).containsOnly("system@aptrust.org");

        MimeMessage welcome = mailTo("nora@test.edu");
        String body = GreenMailUtil.getBody(welcome);
        assertThat(body).contains("APTrust System has set up an account for you").doesNotContain("An administrator");
        Matcher m = LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as(body).isTrue();
        PageClient nora = new PageClient(APP.getLocalPort());
        PageClient.Page choose = nora.get(m.group(1));
        assertThat(choose.status()).isEqualTo(200);
        String token = choose.doc().selectFirst("input[name=token]").attr("value");
        PageClient.Page done = nora.post(choose.doc().selectFirst("form").attr("action"), PageClient.form("token",
                token, "password", NEW, "password_confirmation", NEW));
        assertThat(done.status()).isEqualTo(303);
        nora.get("/users/sign_in");
        assertThat(nora.post("/users/sign_in", PageClient.form("email", "nora@test.edu", "password", NEW)).status())
                .isEqualTo(303);
        assertThat(nora.get("/dashboard").status()).isEqualTo(200);
        // she is an institutional user: no user forms
        assertThat(nora.get("/users/new").status()).isEqualTo(403);
    }

    @Test
    void anInstitutionalAdminCreatesUsersOnlyInTheirInstitutionAndNeverAboveTheirRole() {
        PageClient admin = as("admin@test.edu");
        PageClient.Page form = admin.get("/users/new");
        assertThat(form.doc().select("select[name=role] option").eachAttr("value"))
                .containsExactly("institutional_admin", "institutional_user", "none");
        assertThat(form.doc().select("select[name=institution_id]")).isEmpty();

        PageClient.Page above = admin.post("/users/new", PageClient.form("name", "Ada Above", "email",
                "ada@test.edu", "role", "admin", "otp_required_for_login", "false"));
        assertThat(above.status()).isEqualTo(400);
        assertThat(errorFields(above)).containsExactly("role");

        PageClient.Page bad = admin.post("/users/new", PageClient.form("name", "A", "email", "not-an-address",
                "phone_number", "12", "role", "boss", "otp_required_for_login", "true", "grace_period", "soon"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactlyInAnyOrder("name", "email", "phone_number", "role",
                "grace_period");
        PageClient.Page noGrace = admin.post("/users/new", PageClient.form("name", "Otto", "email", "otto@test.edu",
                "role", "institutional_user", "otp_required_for_login", "true"));
        assertThat(errorFields(noGrace)).containsExactly("grace_period");

        // the same words for an address in another institution as for one of their own
        PageClient.Page foreign = admin.post("/users/new", PageClient.form("name", "Dup", "email", "USER@inst2.edu",
                "role", "institutional_user", "otp_required_for_login", "false"));
        PageClient.Page own = admin.post("/users/new", PageClient.form("name", "Dup", "email", "user@test.edu",
                "role", "institutional_user", "otp_required_for_login", "false"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(own.status()).isEqualTo(400);
        assertThat(foreign.text(".form-error")).isEqualTo(own.text(".form-error"));

        // the form's institution_id is ignored: the user joins the admin's institution
        PageClient.Page ok = admin.post("/users/new", PageClient.form("name", "Ina Inst", "email", "ina@test.edu",
                "role", "institutional_admin", "institution_id", "2", "otp_required_for_login", "false"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(admin.get(java.net.URI.create(ok.location()).getPath()).text("table.facts"))
                .contains("Test University").doesNotContain("Institution One");

        assertThat(as("user@test.edu").get("/users/new").status()).isEqualTo(403);
        PageClient user = as("user@test.edu");
        user.get("/dashboard");
        assertThat(user.post("/users/new", PageClient.form("name", "X", "email", "x@test.edu", "role",
                "institutional_user")).status()).isEqualTo(403);
    }

    @Test
    void editingRecordsEachChangedFieldAndRefusesWhatTheEditorMayNotDo() {
        PageClient admin = as("admin@inst1.edu");
        PageClient.Page form = admin.get("/users/edit/4");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.doc().selectFirst("input[name=email]").attr("value")).isEqualTo("user@inst1.edu");
        PageClient.Page saved = admin.post("/users/edit/4", PageClient.form("name", "Inst One User Renamed",
                "email", "user@inst1.edu", "phone_number", "+441632960961", "role", "institutional_admin",
                "otp_required_for_login", "false"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).endsWith("/users/show/4");
        PageClient.Page show = admin.get("/users/show/4");
        assertThat(show.column("#history table", "Detail")).contains(
                "name: Inst One User → Inst One User Renamed",
                "role: institutional_user → institutional_admin");
        assertThat(show.column("#history table", "What")).filteredOn("edited"::equals).hasSize(3);
        assertThat(show.doc().select("a[href=/users/edit/4]").text()).isEqualTo("Edit");

        // PUT, as the original's form sends it; nothing changed, nothing recorded
        int before = admin.get("/users/show/4").column("#history table", "What").size();
        admin.get("/users/edit/4");
        assertThat(admin.put("/users/edit/4", PageClient.form("name", "Inst One User Renamed")).status())
                .isEqualTo(303);
        assertThat(admin.get("/users/show/4").column("#history table", "What")).hasSize(before);

        admin.get("/users/edit/2");
        PageClient.Page ownRole = admin.post("/users/edit/2", PageClient.form("role", "institutional_user"));
        assertThat(ownRole.status()).isEqualTo(400);
        assertThat(errorFields(ownRole)).containsExactly("role");
        assertThat(admin.post("/users/edit/4", PageClient.form("role", "admin")).status()).isEqualTo(400);
        assertThat(admin.post("/users/edit/4", PageClient.form("email", "admin2@inst1.edu")).status())
                .isEqualTo(400);
        assertThat(admin.get("/users/edit/9").status()).isEqualTo(404);
        assertThat(admin.get("/users/edit/1").status()).isEqualTo(404);
        assertThat(admin.post("/users/edit/9", PageClient.form("name", "Taken Over")).status()).isEqualTo(404);
        assertThat(admin.get("/users/edit/nope").status()).isEqualTo(404);
        assertThat(as("user@inst2.edu").get("/users/edit/9").status()).isEqualTo(403);

        // an APTrust admin may move a user and make an APTrust user an admin, but not an admin elsewhere
        PageClient sys = as("system@aptrust.org");
        sys.get("/users/edit/12");
        assertThat(sys.post("/users/edit/12", PageClient.form("role", "admin")).status()).isEqualTo(400);
        assertThat(sys.post("/users/edit/12", PageClient.form("institution_id", "4")).status()).isEqualTo(303);
        assertThat(sys.get("/users/show/12").column("#history table", "Detail"))
                .contains("institution_id: 5 → 4");
    }

    @Test
    void theInlineEditorChangesOnlyWhatItIsSentAndAnswersJson() {
        PageClient admin = as("admin@inst2.edu");
        admin.get("/users/show/9");
        PageClient.Page ok = admin.put("/users/edit_xhr/9", PageClient.form("Name", "Inst Two User Inline",
                "OTPRequiredForLogin", "true"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("\"StatusCode\":200").contains("Update succeeded.");
        PageClient.Page show = admin.get("/users/show/9");
        assertThat(show.text("table.facts")).contains("Inst Two User Inline", "user@inst2.edu");
        assertThat(show.column("#history table", "Detail")).anyMatch(d -> d.startsWith("grace_period: (none) → "))
                .contains("otp_required_for_login: false → true");

        assertThat(admin.put("/users/edit_xhr/9", PageClient.form("Status", "inactive")).status()).isEqualTo(200);
        assertThat(admin.get("/users/show/9").column("#history table", "What")).first().isEqualTo("deactivated");
        assertThat(admin.put("/users/edit_xhr/9", PageClient.form("Status", "active")).status()).isEqualTo(200);

        PageClient.Page password = admin.put("/users/edit_xhr/9", PageClient.form("Password", "Whatever-123x"));
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.body()).contains("\"field\":\"Password\"");
        PageClient.Page role = admin.put("/users/edit_xhr/9", PageClient.form("Role", "admin"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.body()).contains("\"field\":\"Role\"");
        PageClient.Page self = admin.put("/users/edit_xhr/7", PageClient.form("Status", "inactive"));
        assertThat(self.status()).isEqualTo(400);
        assertThat(admin.put("/users/edit_xhr/4", PageClient.form("Name", "Nope")).status()).isEqualTo(404);
        // without the CSRF token: refused
        assertThat(admin.put("/users/edit_xhr/9", PageClient.form("Name", "Forged", "csrf_token", "x")).status())
                .isEqualTo(403);
    }
}
