package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.web.app.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every change to an institution (new, edit, deactivate, reactivate, preferences) leaves audit rows (who, when,
 * field, old, new; migration 071) that its page shows to APTrust admins and to its own institutional admins.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstitutionAuditTest {

    static final FixtureApp APP = new FixtureApp();

    /** The institution's history rows as "action field old new by", newest first. */
    private static List<String> history(PageClient c, int id) {
        PageClient.Page p = c.get("/institutions/show/" + id);
        List<List<String>> columns = java.util.stream.Stream.of("What", "Field", "Old", "New", "By")
                .map(h -> p.column("#history table", h)).toList();
        return java.util.stream.IntStream.range(0, columns.get(0).size()).mapToObj(i -> String.join(" | ",
                columns.stream().map(col -> col.get(i)).toList())).toList();
    }

    private static long auditRows(int id) {
        return APP.<RegistryApplication>getApplication().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM institution_audit_events WHERE institution_id = :id").bind("id", id)
                .mapTo(Long.class).one());
    }

    @Test
    void newEditDeactivateAndReactivateAreAuditedFieldByField() {
        PageClient admin = APP.as("system@aptrust.org");
        admin.get("/institutions/new");
        PageClient.Page created = admin.post("/institutions/new", PageClient.form("name", "Audited College",
                "identifier", "audited.edu", "type", "MemberInstitution", "otp_enabled", "false",
                "spot_restore_frequency", "10"));
        assertThat(created.status()).isEqualTo(303);
        String path = java.net.URI.create(created.location()).getPath();
        int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        assertThat(history(admin, id)).containsExactlyInAnyOrder(
                "created | name |  | Audited College | system@aptrust.org",
                "created | identifier |  | audited.edu | system@aptrust.org",
                "created | type |  | MemberInstitution | system@aptrust.org",
                "created | otp_enabled |  | false | system@aptrust.org",
                "created | spot_restore_frequency |  | 10 | system@aptrust.org");
        assertThat(admin.get("/institutions/show/" + id).column("#history table", "Address")).contains("127.0.0.1");

        admin.get("/institutions/edit/" + id);
        PageClient.Page bad = admin.post("/institutions/edit/" + id, PageClient.form("name", "Abc", "type",
                "MemberInstitution", "otp_enabled", "false", "spot_restore_frequency", "10"));
        assertThat(bad.status()).isEqualTo(400);
        long before = auditRows(id);
        admin.post("/institutions/edit/" + id, PageClient.form("name", "Audited College", "type",
                "MemberInstitution", "otp_enabled", "false", "spot_restore_frequency", "10"));
        assertThat(auditRows(id)).as("a refused form and an unchanged one record nothing").isEqualTo(before);
        PageClient.Page edited = admin.post("/institutions/edit/" + id, PageClient.form("name", "Audited University",
                "type", "MemberInstitution", "otp_enabled", "true", "spot_restore_frequency", "10"));
        assertThat(edited.status()).isEqualTo(303);
        assertThat(history(admin, id).subList(0, 2)).containsExactlyInAnyOrder(
                "edited | name | Audited College | Audited University | system@aptrust.org",
                "edited | otp_enabled | false | true | system@aptrust.org");

        admin.get("/institutions/show/" + id);
        assertThat(admin.post("/institutions/delete/" + id, Map.of()).status()).isEqualTo(303);
        assertThat(history(admin, id).get(0)).isEqualTo("deactivated | state | A | D | system@aptrust.org");
        admin.get("/institutions/show/" + id);
        assertThat(admin.put("/institutions/undelete/" + id, Map.of()).status()).isEqualTo(303);
        assertThat(history(admin, id).get(0)).isEqualTo("reactivated | state | D | A | system@aptrust.org");
        admin.get("/institutions/show/" + id);
        long afterReactivate = auditRows(id);
        admin.put("/institutions/undelete/" + id, Map.of());
        assertThat(auditRows(id)).as("reactivating an active institution records nothing").isEqualTo(afterReactivate);
    }

    @Test
    void preferencesAreAuditedAndTheHistoryIsShownToAdminsOfTheInstitutionOnly() {
        PageClient instAdmin = APP.as("admin@inst1.edu");
        instAdmin.get("/institutions/edit_preferences/2");
        assertThat(instAdmin.post("/institutions/edit_preferences/2", PageClient.form("otp_enabled", "maybe",
                "spot_restore_frequency", "7")).status()).isEqualTo(400);
        assertThat(auditRows(2)).isZero();
        assertThat(instAdmin.post("/institutions/edit_preferences/2", PageClient.form("otp_enabled", "false",
                "spot_restore_frequency", "7")).status()).isEqualTo(303);
        assertThat(history(instAdmin, 2)).containsExactly(
                "preferences_edited | spot_restore_frequency | 30 | 7 | admin@inst1.edu");
        assertThat(history(APP.as("system@aptrust.org"), 2)).hasSize(1);

        // an institutional user sees no history; another institution's admin not even the page
        PageClient user = APP.as("user@inst1.edu");
        PageClient.Page userView = user.get("/institutions/show/2");
        assertThat(userView.status()).isEqualTo(200);
        assertThat(userView.doc().select("#history")).isEmpty();
        assertThat(APP.as("admin@inst2.edu").get("/institutions/show/2").status()).isEqualTo(404);
    }
}
