package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.web.app.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Institutions: new, edit, deactivate and reactivate (APTrust admins) and preferences, for every role. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstitutionFormPagesTest {

    static final FixtureApp APP = new FixtureApp();

    private static List<String> errorFields(PageClient.Page p) {
        return p.doc().select(".form-error").eachAttr("data-field");
    }

    private static String otpSince(int id) {
        return APP.<RegistryApplication>getApplication().jdbi().withHandle(h -> h.createQuery(
                "SELECT otp_required_since::text FROM institutions WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().orElse(null));
    }

    @Test
    void anAdminCreatesAnInstitutionWithItsBucketsAndASubAccountNeedsAParent() {
        PageClient admin = APP.as("system@aptrust.org");
        assertThat(admin.get("/institutions").doc().select("p.create a[href=/institutions/new]").text())
                .isEqualTo("New institution");
        admin.get("/institutions/new");
        PageClient.Page bad = admin.post("/institutions/new", PageClient.form("name", "Tiny", "identifier",
                "nodot", "type", "Club", "otp_enabled", "maybe", "spot_restore_frequency", "-3"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactlyInAnyOrder("name", "identifier", "type", "otp_enabled",
                "spot_restore_frequency");
        PageClient.Page orphan = admin.post("/institutions/new", PageClient.form("name", "Orphan College",
                "identifier", "orphan.edu", "type", "SubscriptionInstitution", "otp_enabled", "false",
                "spot_restore_frequency", "0"));
        assertThat(errorFields(orphan)).containsExactly("member_institution_id");
        PageClient.Page taken = admin.post("/institutions/new", PageClient.form("name", "Copy of One",
                "identifier", "institution1.edu", "type", "MemberInstitution", "otp_enabled", "false",
                "spot_restore_frequency", "0"));
        assertThat(errorFields(taken)).containsExactly("identifier");

        PageClient.Page ok = admin.post("/institutions/new", PageClient.form("name", "New Associate College",
                "identifier", "associate.edu", "type", "SubscriptionInstitution", "member_institution_id", "2",
                "otp_enabled", "true", "spot_restore_frequency", "45"));
        assertThat(ok.status()).isEqualTo(303);
        String show = java.net.URI.create(ok.location()).getPath();
        PageClient.Page page = admin.get(show);
        assertThat(page.text("table.facts")).contains("New Associate College", "associate.edu",
                "aptrust.receiving.associate.edu", "aptrust.restore.associate.edu", "Institution One", "45 days");
        assertThat(otpSince(Integer.parseInt(show.substring(show.lastIndexOf('/') + 1)))).isNotNull();
    }

    @Test
    void anAdminEditsAnInstitutionButNeverItsIdentifier() {
        PageClient admin = APP.as("system@aptrust.org");
        PageClient.Page form = admin.get("/institutions/edit/4");
        assertThat(form.doc().selectFirst("input[name=name]").attr("value")).isEqualTo("Test University");
        PageClient.Page saved = admin.post("/institutions/edit/4", PageClient.form("name", "Test University East",
                "identifier", "hijack.edu", "type", "MemberInstitution", "otp_enabled", "false",
                "spot_restore_frequency", "120"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(admin.get("/institutions/show/4").text("table.facts")).contains("Test University East",
                "test.edu", "120 days").doesNotContain("hijack");
        admin.get("/institutions/edit/4");
        assertThat(admin.put("/institutions/edit/4", PageClient.form("name", "Abc", "type", "MemberInstitution",
                "otp_enabled", "false", "spot_restore_frequency", "1")).status()).isEqualTo(400);
        assertThat(admin.get("/institutions/edit/99").status()).isEqualTo(404);

        PageClient instAdmin = APP.as("admin@test.edu");
        assertThat(instAdmin.get("/institutions/edit/4").status()).isEqualTo(403);
        assertThat(instAdmin.get("/institutions/new").status()).isEqualTo(403);
        instAdmin.get("/dashboard");
        assertThat(instAdmin.post("/institutions/edit/4", PageClient.form("name", "Mine Now")).status())
                .isEqualTo(403);
        assertThat(instAdmin.post("/institutions/new", PageClient.form("name", "Mine Now")).status())
                .isEqualTo(403);
    }

    @Test
    void deactivatingAsksOnAGetActsOnAPostOrDeleteAndNeverTouchesOnesOwnInstitution() {
        PageClient admin = APP.as("system@aptrust.org");
        PageClient.Page ask = admin.get("/institutions/delete/5");
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.doc().select("form[action=/institutions/delete/5] button").text()).isEqualTo("Deactivate");
        assertThat(admin.get("/institutions/show/5").text("table.facts")).contains("Active");
        assertThat(admin.post("/institutions/delete/5", Map.of()).status()).isEqualTo(303);
        PageClient.Page gone = admin.get("/institutions/show/5");
        assertThat(gone.text("table.facts")).contains("Deleted");
        assertThat(gone.doc().select("form[action=/institutions/undelete/5] button").text())
                .isEqualTo("Reactivate");
        assertThat(admin.get("/institutions/undelete/5").status()).isEqualTo(200);
        admin.get("/institutions/show/5");
        assertThat(admin.put("/institutions/undelete/5", Map.of()).status()).isEqualTo(303);
        assertThat(admin.get("/institutions/show/5").text("table.facts")).contains("Active");

        admin.get("/institutions/show/1");
        assertThat(admin.post("/institutions/delete/1", Map.of()).status()).isEqualTo(400);

        PageClient instAdmin = APP.as("admin@inst1.edu");
        assertThat(instAdmin.get("/institutions/delete/2").status()).isEqualTo(403);
        instAdmin.get("/dashboard");
        assertThat(instAdmin.post("/institutions/delete/5", Map.of()).status()).isEqualTo(403);
        assertThat(instAdmin.post("/institutions/undelete/6", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void institutionalAdminsSetTheirOwnPreferencesOnly() {
        PageClient admin = APP.as("admin@test.edu");
        PageClient.Page show = admin.get("/institutions/show/4");
        assertThat(show.doc().select("a[href=/institutions/edit_preferences/4]").text()).isEqualTo("Preferences");
        assertThat(show.doc().select("a[href=/institutions/edit/4]")).isEmpty();
        PageClient.Page form = admin.get("/institutions/edit_preferences/4");
        assertThat(form.doc().select("form select, form input:not([type=hidden])").eachAttr("name"))
                .containsExactly("otp_enabled", "spot_restore_frequency");
        PageClient.Page bad = admin.post("/institutions/edit_preferences/4", PageClient.form("otp_enabled", "yes",
                "spot_restore_frequency", "many"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactlyInAnyOrder("otp_enabled", "spot_restore_frequency");
        assertThat(otpSince(4)).isNull();
        assertThat(admin.put("/institutions/edit_preferences/4", PageClient.form("otp_enabled", "true",
                "spot_restore_frequency", "14", "name", "Renamed By Prefs")).status()).isEqualTo(303);
        assertThat(admin.get("/institutions/show/4").text("table.facts")).contains("14 days")
                .doesNotContain("Renamed By Prefs");
        assertThat(otpSince(4)).isNotNull();
        String since = otpSince(4);
        admin.get("/institutions/edit_preferences/4");
        admin.post("/institutions/edit_preferences/4", PageClient.form("otp_enabled", "true",
                "spot_restore_frequency", "15"));
        assertThat(otpSince(4)).as("staying on keeps the start").isEqualTo(since);
        admin.post("/institutions/edit_preferences/4", PageClient.form("otp_enabled", "false",
                "spot_restore_frequency", "15"));
        assertThat(otpSince(4)).isNull();

        assertThat(admin.get("/institutions/edit_preferences/2").status()).isEqualTo(404);
        assertThat(admin.post("/institutions/edit_preferences/2", PageClient.form("otp_enabled", "true",
                "spot_restore_frequency", "1")).status()).isEqualTo(404);
        assertThat(APP.as("user@test.edu").get("/institutions/edit_preferences/4").status()).isEqualTo(403);
        assertThat(APP.as("system@aptrust.org").get("/institutions/edit_preferences/4").status()).isEqualTo(200);
    }
}
