package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.auth.SmsSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-factor sign-in over HTTP: enrolling an authenticator app, signing in with its codes (each time step once),
 * backup codes (each once), texted codes for the original's SMS users, the throttle, and an institution's
 * requirement once the grace period is over. Codes are computed with the TOTP library, as an app would.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoFactorPagesTest {

    /** The application with an SMS sender that keeps the messages (the default only logs them). */
    public static class WithInbox extends RegistryApplication {
        static final LinkedBlockingQueue<String[]> TEXTS = new LinkedBlockingQueue<>();

        @Override
        protected SmsSender smsSender() {
            return (phone, message) -> TEXTS.add(new String[] {phone, message});
        }
    }

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(WithInbox.class, DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    static String code(String secret, long step) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    static long step() {
        return Instant.now().getEpochSecond() / 30;
    }

    /** Enrols the signed-in client; returns the secret and the backup codes. */
    static Object[] enrol(PageClient c) throws Exception {
        PageClient.Page setup = c.get("/users/2fa_setup");
        assertThat(setup.status()).isEqualTo(200);
        String secret = setup.text("code.otp-secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        PageClient.Page qr = c.get("/users/2fa_qr");
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.header("Content-Type")).isEqualTo("image/png");
        assertThat(qr.response().body()).startsWith("\uFFFDPNG");
        PageClient.Page wrong = c.post("/users/2fa_setup", PageClient.form("otp", "12345"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text(".form-error")).startsWith("otp:");
        PageClient.Page done = c.post("/users/2fa_setup", PageClient.form("otp", code(secret, step())));
        assertThat(done.status()).isEqualTo(200);
        List<String> codes = done.doc().select("ul.backup-codes code").eachText();
        assertThat(codes).hasSize(10).allMatch(s -> s.matches("[a-z2-9]{5}-[a-z2-9]{5}")).doesNotHaveDuplicates();
        return new Object[] {secret, codes};
    }

    static PageClient.Page passwordStep(PageClient c, String email) {
        c.get("/users/sign_in");
        return c.post("/users/sign_in", PageClient.form("email", email, "password", "password"));
    }

    /**
     * A sign-in that started from a link (a mailed deletion review link) returns there once the second factor is
     * verified, and only to a path of this site.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSignInWithASecondFactorReturnsToTheLinkItStartedFrom() throws Exception {
        List<String> backup = (List<String>) enrol(client().signIn("admin@test.edu"))[1];
        String link = "/objects?state=A&sort=identifier__asc";
        PageClient c = client();
        PageClient.Page asked = c.get(link);
        assertThat(asked.status()).isEqualTo(303);
        assertThat(asked.location()).contains("/users/sign_in?next=");
        c.get("/users/sign_in?next=" + java.net.URLEncoder.encode(link, java.nio.charset.StandardCharsets.UTF_8));
        PageClient.Page password = c.post("/users/sign_in", PageClient.form("email", "admin@test.edu", "password",
                "password", "next", link));
        assertThat(password.location()).endsWith("/users/2fa_choose");
        c.get("/users/2fa_backup");
        PageClient.Page verified = c.post("/users/2fa_verify", PageClient.form("backup_code", backup.get(0)));
        assertThat(verified.status()).isEqualTo(303);
        assertThat(verified.location()).endsWith(link);
        assertThat(c.cookie(org.aptrust.registry.web.auth.SessionCookies.RETURN_TO)).isEmpty();

        PageClient evil = client();
        evil.get("/users/sign_in");
        evil.post("/users/sign_in", PageClient.form("email", "admin@test.edu", "password", "password", "next",
                "//evil.example/x"));
        evil.get("/users/2fa_backup");
        PageClient.Page home = evil.post("/users/2fa_verify", PageClient.form("backup_code", backup.get(1)));
        assertThat(home.location()).endsWith("/dashboard");
        assertThat(SessionPages.safeNext("/a b")).isEqualTo("/dashboard");
        assertThat(SessionPages.safeNext("/deletions/review/5?token=a-b_c")).isEqualTo("/deletions/review/5?token=a-b_c");
        assertThat(SessionPages.safeNext("/x\\evil")).isEqualTo("/dashboard");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAuthenticatorAppEnrolsAndThenEverySignInNeedsItsCodeOrABackupCodeOnce() throws Exception {
        PageClient c = client().signIn("user@test.edu");
        Object[] enrolled = enrol(c);
        String secret = (String) enrolled[0];
        List<String> backup = (List<String>) enrolled[1];
        assertThat(c.get("/users/show/11").column("#history table", "What")).contains("two_factor_enrolled");
        assertThat(c.get("/users/2fa_setup").text(".backup-left")).isEqualTo("10");
        assertThat(c.get("/users/2fa_qr").status()).as("no QR code of an enrolled secret").isEqualTo(404);
        assertThat(c.body("/users/2fa_setup")).doesNotContain(secret);

        PageClient next = client();
        PageClient.Page password = passwordStep(next, "user@test.edu");
        assertThat(password.status()).isEqualTo(303);
        assertThat(password.location()).endsWith("/users/2fa_choose");
        for (String page : List.of("/dashboard", "/objects", "/users/my_account", "/users/2fa_setup")) {
            PageClient.Page p = next.get(page);
            assertThat(p.status()).as(page).isEqualTo(303);
            assertThat(p.location()).as(page).endsWith("/users/2fa_choose");
        }
        next.get("/users/2fa_choose");
        // the step that confirmed the enrolment was spent: its code does not sign in again
        long now = step();
        PageClient.Page replay = next.post("/users/2fa_verify", PageClient.form("otp", code(secret, now - 1)));
        assertThat(replay.status()).isEqualTo(400);
        PageClient.Page ok = next.post("/users/2fa_verify", PageClient.form("otp", code(secret, now + 1)));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(next.get("/dashboard").status()).isEqualTo(200);

        PageClient withBackup = client();
        passwordStep(withBackup, "user@test.edu");
        withBackup.get("/users/2fa_backup");
        assertThat(withBackup.post("/users/2fa_verify", PageClient.form("backup_code",
                backup.get(3).toUpperCase())).status()).isEqualTo(303);
        PageClient again = client();
        passwordStep(again, "user@test.edu");
        again.get("/users/2fa_backup");
        PageClient.Page spent = again.post("/users/2fa_verify", PageClient.form("backup_code", backup.get(3)));
        assertThat(spent.status()).isEqualTo(400);
        assertThat(spent.text(".form-error")).startsWith("backup_code:");
        assertThat(again.get("/dashboard").location()).endsWith("/users/2fa_choose");
        assertThat(c.get("/users/2fa_setup").text(".backup-left")).isEqualTo("9");

        // new backup codes replace the old ones
        c.get("/users/2fa_setup");
        PageClient.Page fresh = c.post("/users/backup_codes", PageClient.form());
        assertThat(fresh.doc().select("ul.backup-codes code")).hasSize(10);
        again.get("/users/2fa_backup");
        assertThat(again.post("/users/2fa_verify", PageClient.form("backup_code", backup.get(0))).status())
                .isEqualTo(400);
    }

    @Test
    void anSmsUserGetsATextedCodeThatWorksOnceAndNeverSignsInWithAPasswordAlone() throws Exception {
        PageClient c = client();
        assertThat(passwordStep(c, "sms_user@example.com").location()).endsWith("/users/2fa_choose");
        assertThat(c.get("/dashboard").location()).endsWith("/users/2fa_choose");
        PageClient.Page choose = c.get("/users/2fa_choose");
        assertThat(choose.doc().select("form[action=/users/2fa_sms]")).hasSize(1);
        WithInbox.TEXTS.clear();
        assertThat(c.post("/users/2fa_sms", PageClient.form()).status()).isEqualTo(200);
        String[] text = WithInbox.TEXTS.poll(10, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        Matcher m = Pattern.compile("code is (\\d{6})").matcher(text[1]);
        assertThat(m.find()).isTrue();
        assertThat(c.post("/users/2fa_verify", PageClient.form("otp", m.group(1))).status()).isEqualTo(303);
        assertThat(c.get("/dashboard").status()).isEqualTo(200);

        // the code belonged to that sign-in: another session cannot use it
        PageClient other = client();
        passwordStep(other, "sms_user@example.com");
        other.get("/users/2fa_choose");
        assertThat(other.post("/users/2fa_verify", PageClient.form("otp", m.group(1))).status()).isEqualTo(400);
        // someone without text messages set up gets a 400, not a text
        PageClient app = client().signIn("user@inst1.edu");
        app.get("/dashboard");
        assertThat(app.post("/users/2fa_sms", PageClient.form()).status()).isEqualTo(303);
    }

    @Test
    void wrongCodesAreThrottledLikePasswords() {
        PageClient c = client();
        passwordStep(c, "sms_user@example.com");
        c.get("/users/2fa_choose");
        int status = 0;
        for (int i = 0; i < 8 && status != 429; i++) {
            status = c.post("/users/2fa_verify", PageClient.form("otp", "000000")).status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void aRequirementWhoseGracePeriodIsOverAllowsNothingButEnrolment() throws Exception {
        // Institution Two requires two-factor sign-in since the migration: within the 30 days' grace
        PageClient user = client().signIn("user@inst2.edu");
        assertThat(user.get("/dashboard").status()).isEqualTo(200);
        assertThat(user.get("/users/2fa_setup").text(".flag")).contains("requires two-factor sign-in");

        PageClient admin = client().signIn("admin@inst2.edu");
        admin.get("/users/edit/9");
        assertThat(admin.post("/users/edit/9", PageClient.form("otp_required_for_login", "true", "grace_period",
                "2020-01-01")).status()).isEqualTo(303);
        PageClient.Page blocked = user.get("/dashboard");
        assertThat(blocked.status()).isEqualTo(303);
        assertThat(blocked.location()).endsWith("/users/2fa_setup");
        assertThat(user.get("/objects").location()).endsWith("/users/2fa_setup");
        enrol(user);
        assertThat(user.get("/dashboard").status()).isEqualTo(200);
    }
}
