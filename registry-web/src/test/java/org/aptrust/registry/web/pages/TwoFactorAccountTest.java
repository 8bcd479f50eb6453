package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.auth.SmsSender;
import org.aptrust.registry.web.workflows.Mailbox;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of two-factor sign-in over HTTP, with a real SMTP server (GreenMail): turning it off from one's account
 * (password and a current code or backup code; refused while required; audited and mailed), an APTrust admin's reset
 * for a lost phone, the site-wide banner of the grace period, and enrolling text-message codes through the
 * SmsSender with a code that confirms the phone.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoFactorAccountTest {

    /** The application with an SMS sender that keeps the texts (the default only logs them). */
    public static class WithTexts extends RegistryApplication {
        static final LinkedBlockingQueue<String[]> TEXTS = new LinkedBlockingQueue<>();

        @Override
        protected SmsSender smsSender() {
            return (phone, message) -> TEXTS.add(new String[] {phone, message});
        }
    }

    private static final String OFF = "Two-factor sign-in was turned off for your APTrust Registry account";
    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final Mailbox MAIL = new Mailbox();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(WithTexts.class, DB, MAIL.config());

    @AfterAll
    static void drop() {
        MAIL.close();
        DB.drop();
    }

    private static PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    private static Jdbi jdbi() {
        return APP.<RegistryApplication>getApplication().jdbi();
    }

    private static Map<String, Object> twoFactorColumns(int userId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT enabled_two_factor, confirmed_two_factor,"
                + " encrypted_otp_secret, encrypted_otp_secret_iv, authy_status, phone_number,"
                + " (SELECT count(*) FROM user_backup_codes b WHERE b.user_id = u.id AND b.used_at IS NULL)"
                + " AS backup_codes FROM users u WHERE id = :id").bind("id", userId).mapToMap().one());
    }

    private static List<String> errorFields(PageClient.Page p) {
        return p.doc().select(".form-error").eachAttr("data-field");
    }

    private static String code(String secret, long step) throws Exception {
        return TwoFactorPagesTest.code(secret, step);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserTurnsTwoFactorOffWithThePasswordAndACurrentCodeOrABackupCode() throws Exception {
        PageClient c = client().signIn("user@test.edu");
        assertThat(c.get("/users/my_account").text("#two-factor")).startsWith("Off.");
        Object[] enrolled = TwoFactorPagesTest.enrol(c);
        String secret = (String) enrolled[0];
        List<String> backup = (List<String>) enrolled[1];
        PageClient.Page account = c.get("/users/my_account");
        assertThat(account.text(".two-factor-method")).isEqualTo("an authenticator app");
        assertThat(account.doc().select("form.two-factor-off[action=/users/2fa_disable]")).hasSize(1);

        // CSRF: a form without the session's token changes nothing
        PageClient.Page forged = c.postRaw("/users/2fa_disable", PageClient.form("csrf_token", "0".repeat(128),
                "current_password", "password", "otp", backup.get(0)), Map.of());
        assertThat(forged.status()).isEqualTo(403);
        c.get("/users/my_account");
        PageClient.Page empty = c.post("/users/2fa_disable", PageClient.form());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(errorFields(empty)).containsExactlyInAnyOrder("current_password", "otp");
        PageClient.Page wrongPassword = c.post("/users/2fa_disable", PageClient.form("current_password", "nope",
                "otp", backup.get(0)));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(errorFields(wrongPassword)).containsExactly("current_password");
        PageClient.Page wrongCode = c.post("/users/2fa_disable", PageClient.form("current_password", "password",
                "otp", "123456"));
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(errorFields(wrongCode)).containsExactly("otp");
        assertThat(twoFactorColumns(11).get("enabled_two_factor")).isEqualTo(true);

        PageClient.Page off = c.post("/users/2fa_disable", PageClient.form("current_password", "password",
                "otp", code(secret, TwoFactorPagesTest.step() + 1)));
        assertThat(off.status()).as(off.text(".form-error")).isEqualTo(303);
        assertThat(off.location()).endsWith("/users/my_account");
        assertThat(c.get("/users/my_account").text("#two-factor")).startsWith("Off.");
        assertThat(twoFactorColumns(11)).containsEntry("enabled_two_factor", false)
                .containsEntry("confirmed_two_factor", false).containsEntry("encrypted_otp_secret", null)
                .containsEntry("encrypted_otp_secret_iv", null).containsEntry("authy_status", null)
                .containsEntry("backup_codes", 0L);
        assertThat(c.get("/users/show/11").column("#history table", "What")).contains("two_factor_disabled");
        Mailbox.Mail mail = MAIL.awaitOne("user@test.edu", OFF);
        assertThat(mail.body()).contains("turned off by user@test.edu").contains("127.0.0.1")
                .contains("/users/2fa_setup");
        // a password alone signs in again
        assertThat(TwoFactorPagesTest.passwordStep(client(), "user@test.edu").location()).endsWith("/dashboard");
        // nothing left to turn off
        c.get("/users/my_account");
        assertThat(c.post("/users/2fa_disable", PageClient.form("current_password", "password", "otp",
                backup.get(1))).status()).isEqualTo(409);

        // on again, and off with a backup code this time
        List<String> fresh = (List<String>) TwoFactorPagesTest.enrol(c)[1];
        c.get("/users/my_account");
        assertThat(c.post("/users/2fa_disable", PageClient.form("current_password", "password", "otp",
                backup.get(2))).status()).as("an old backup code").isEqualTo(400);
        assertThat(c.post("/users/2fa_disable", PageClient.form("current_password", "password", "otp",
                fresh.get(4))).status()).isEqualTo(303);
        assertThat(twoFactorColumns(11)).containsEntry("enabled_two_factor", false);
        MAIL.await(2, m -> m.to().equals("user@test.edu") && m.subject().equals(OFF));
    }

    @Test
    void aUserWhoseInstitutionRequiresItCannotTurnItOff() throws Exception {
        PageClient c = client().signIn("user@inst2.edu"); // Institution Two requires two-factor sign-in
        TwoFactorPagesTest.enrol(c);
        PageClient.Page account = c.get("/users/my_account");
        assertThat(account.text(".two-factor-required")).contains("required for your account");
        assertThat(account.doc().select("form.two-factor-off")).isEmpty();
        PageClient.Page refused = c.post("/users/2fa_disable", PageClient.form("current_password", "password",
                "otp", "123456"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(errorFields(refused)).containsExactly("two_factor");
        assertThat(refused.text(".form-error")).contains("cannot be turned off");
        assertThat(twoFactorColumns(9)).containsEntry("enabled_two_factor", true);
    }

    @Test
    void anAptrustAdminResetsTheTwoFactorSignInOfAUserWhoLostTheirPhone() throws Exception {
        PageClient user = client().signIn("user@inst1.edu");
        TwoFactorPagesTest.enrol(user);
        PageClient stuck = client(); // a sign-in waiting for a code the user no longer has
        assertThat(TwoFactorPagesTest.passwordStep(stuck, "user@inst1.edu").location()).endsWith("/users/2fa_choose");

        PageClient instAdmin = client().signIn("admin@inst1.edu");
        PageClient.Page shown = instAdmin.get("/users/show/4");
        assertThat(shown.doc().select("form[action=/users/2fa_reset/4]")).isEmpty();
        assertThat(instAdmin.post("/users/2fa_reset/4", PageClient.form()).status()).isEqualTo(403);

        PageClient admin = client().signIn("system@aptrust.org");
        PageClient.Page page = admin.get("/users/show/4");
        assertThat(page.doc().select("form[action=/users/2fa_reset/4]")).hasSize(1);
        PageClient.Page reset = admin.post("/users/2fa_reset/4", PageClient.form());
        assertThat(reset.status()).isEqualTo(303);
        assertThat(reset.location()).endsWith("/users/show/4");
        assertThat(twoFactorColumns(4)).containsEntry("enabled_two_factor", false)
                .containsEntry("confirmed_two_factor", false).containsEntry("encrypted_otp_secret", null)
                .containsEntry("backup_codes", 0L);
        assertThat(admin.get("/users/show/4").column("#history table", "What")).contains("two_factor_reset_by_admin");
        // every session of the user ended, the stuck one too
        assertThat(user.get("/dashboard").location()).contains("/users/sign_in");
        assertThat(stuck.get("/users/2fa_choose").location()).contains("/users/sign_in");
        Mailbox.Mail mail = MAIL.awaitOne("user@inst1.edu", OFF);
        assertThat(mail.body()).contains("system@aptrust.org (an APTrust administrator)");
        // the user signs in with the password and may enrol again
        PageClient back = client().signIn("user@inst1.edu");
        assertThat(back.get("/dashboard").status()).isEqualTo(200);
        TwoFactorPagesTest.enrol(back);

        assertThat(admin.post("/users/2fa_reset/1", PageClient.form()).status()).as("not oneself").isEqualTo(400);
        assertThat(admin.post("/users/2fa_reset/12", PageClient.form()).status()).as("nothing to reset")
                .isEqualTo(409);
        assertThat(admin.post("/users/2fa_reset/99999", PageClient.form()).status()).isEqualTo(404);
    }

    @Test
    void whileTheGracePeriodLastsEveryPageShowsTheDeadlineAndALinkToEnrol() throws Exception {
        // admin2@inst2.edu: Institution Two requires two-factor sign-in; the grace period counts from the start
        LocalDateTime due = jdbi().withHandle(h -> h.createQuery("SELECT otp_required_since + interval '30 days'"
                + " FROM institutions WHERE id = 3").mapTo(LocalDateTime.class).one());
        PageClient c = client().signIn("admin2@inst2.edu");
        for (String path : List.of("/dashboard", "/objects?state=A", "/users/my_account", "/institutions/show/3",
                "/reports/deposits")) {
            PageClient.Page p = c.get(path);
            assertThat(p.status()).as(path).isEqualTo(200);
            assertThat(p.text(".two-factor-banner .two-factor-due")).as(path).isEqualTo(Formats.dateTime(due));
            assertThat(p.doc().select(".two-factor-banner a[href=/users/2fa_setup]")).as(path).hasSize(1);
        }
        assertThat(c.get("/no/such/page").text(".two-factor-banner")).as("the error page too").isNotEmpty();
        // nobody else sees it
        assertThat(client().signIn("admin@inst1.edu").get("/dashboard").doc().select(".two-factor-banner")).isEmpty();
        assertThat(client().get("/users/sign_in").doc().select(".two-factor-banner")).isEmpty();
        // the user's own grace date wins
        jdbi().useHandle(h -> h.execute("UPDATE users SET grace_period = '2099-03-04 05:06:00' WHERE id = 8"));
        assertThat(c.get("/dashboard").text(".two-factor-due")).isEqualTo("2099-03-04 05:06:00");
        // enrolled: no banner
        TwoFactorPagesTest.enrol(c);
        assertThat(c.get("/dashboard").doc().select(".two-factor-banner")).isEmpty();
    }

    @Test
    void textMessageEnrolmentConfirmsThePhoneWithATextedCodeAndKeepsTheChoiceInTheOriginalsColumns()
            throws Exception {
        PageClient c = client().signIn("user@example.edu");
        PageClient.Page setup = c.get("/users/2fa_setup");
        assertThat(setup.doc().select("form.sms-enrol input[name=phone_number]")).hasSize(1);
        PageClient.Page badPhone = c.post("/users/2fa_setup", PageClient.form("method", "sms", "phone_number",
                "call me"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.text(".form-error")).startsWith("phone_number:");
        PageClient.Page push = c.post("/users/2fa_setup", PageClient.form("method", "push"));
        assertThat(push.status()).isEqualTo(400);
        assertThat(push.text(".form-error")).startsWith("method:").contains("Authy push is not offered");
        PageClient.Page nothingPending = c.post("/users/confirm_phone", PageClient.form("otp", "123456"));
        assertThat(nothingPending.status()).isEqualTo(400);
        assertThat(nothingPending.text(".form-error")).startsWith("phone_number:");

        WithTexts.TEXTS.clear();
        PageClient.Page sent = c.post("/users/2fa_setup", PageClient.form("method", "sms", "phone_number",
                "(212) 555-1212"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.doc().select("form[action=/users/confirm_phone]")).hasSize(1);
        assertThat(sent.text("main")).contains("…1212");
        String[] text = WithTexts.TEXTS.poll(10, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        assertThat(text[0]).isEqualTo("+12125551212");
        Matcher m = Pattern.compile("(\\d{6})").matcher(text[1]);
        assertThat(m.find()).isTrue();
        String wrong = m.group(1).equals("000000") ? "111111" : "000000";
        PageClient.Page refused = c.post("/users/confirm_phone", PageClient.form("otp", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text(".form-error")).startsWith("otp:");
        assertThat(twoFactorColumns(12)).containsEntry("enabled_two_factor", false);

        PageClient.Page done = c.post("/users/confirm_phone", PageClient.form("otp", m.group(1)));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.doc().select("ul.backup-codes code")).hasSize(10);
        assertThat(twoFactorColumns(12)).containsEntry("enabled_two_factor", true)
                .containsEntry("confirmed_two_factor", true).containsEntry("authy_status", "sms")
                .containsEntry("phone_number", "+12125551212").containsEntry("encrypted_otp_secret", null)
                .containsEntry("backup_codes", 10L);
        assertThat(c.get("/users/my_account").text(".two-factor-method")).isEqualTo("text messages to …1212");
        assertThat(c.post("/users/confirm_phone", PageClient.form("otp", m.group(1))).status())
                .as("spent, and enrolled already").isEqualTo(303);

        // the next sign-in needs a texted code
        PageClient next = client();
        assertThat(TwoFactorPagesTest.passwordStep(next, "user@example.edu").location())
                .endsWith("/users/2fa_choose");
        next.get("/users/2fa_choose");
        WithTexts.TEXTS.clear();
        assertThat(next.post("/users/2fa_sms", PageClient.form()).status()).isEqualTo(200);
        String[] signInText = WithTexts.TEXTS.poll(10, TimeUnit.SECONDS);
        assertThat(signInText).isNotNull();
        Matcher sm = Pattern.compile("code is (\\d{6})").matcher(signInText[1]);
        assertThat(sm.find()).isTrue();
        assertThat(next.post("/users/2fa_verify", PageClient.form("otp", sm.group(1))).status()).isEqualTo(303);
        assertThat(next.get("/dashboard").status()).isEqualTo(200);
    }
}
