package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An institutional admin asks for an object's restoration from its page (the original's request_restore and
 * init_restore): the button shows only to those who may use it and only while the object can be restored, and
 * the request makes one work item.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RestoreRequestPageTest {

    static final FixtureApp APP = new FixtureApp();

    /** A new active object of institution 2 (institution1.edu) with no work items. */
    private static int newObject(String bag) throws SQLException {
        return (int) query("INSERT INTO intellectual_objects (title, identifier, bag_name, institution_id, created_at,"
                + " updated_at, state, etag, storage_option, access) VALUES ('t', 'institution1.edu/" + bag + "', '"
                + bag + "', 2, now(), now(), 'A', 'abc', 'Standard', 'institution') RETURNING id");
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = APP.db().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anInstitutionalAdminRequestsARestorationFromTheObjectsPage() throws SQLException {
        int id = newObject("page_restore");
        PageClient admin = APP.as("admin@inst1.edu");
        PageClient.Page page = admin.get("/objects/show/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("form[action=/objects/init_restore/" + id + "] button").text())
                .isEqualTo("Restore this object");

        PageClient.Page requested = admin.post("/objects/init_restore/" + id, Map.of());
        assertThat(requested.status()).as(requested.body()).isEqualTo(303);
        long item = query("SELECT id FROM work_items WHERE intellectual_object_id = " + id);
        assertThat(requested.location()).endsWith("/work_items/show/" + item);
        assertThat(query("SELECT count(*) FROM work_items WHERE intellectual_object_id = " + id
                + " AND action = 'Restore Object' AND status = 'Pending' AND \"user\" = 'admin@inst1.edu'"))
                .isEqualTo(1);

        // Now the object has unfinished work: no button, and a second request is refused with the reason.
        PageClient.Page after = admin.get("/objects/show/" + id);
        assertThat(after.doc().select("form[action=/objects/init_restore/" + id + "]")).isEmpty();
        assertThat(after.body()).contains("in progress");
        PageClient.Page again = admin.post("/objects/init_restore/" + id, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("unfinished work");
        assertThat(query("SELECT count(*) FROM work_items WHERE intellectual_object_id = " + id)).isEqualTo(1);
    }

    @Test
    void otherInstitutionsCannotRequestIt() throws SQLException {
        int id = newObject("page_restore_refused");

        PageClient other = APP.as("admin@inst2.edu");
        other.get("/dashboard");
        assertThat(other.post("/objects/init_restore/" + id, Map.of()).status()).isEqualTo(404);

        // Without the page's CSRF token the request is refused before anything is written.
        PageClient admin = APP.as("admin@inst1.edu");
        assertThat(admin.postRaw("/objects/init_restore/" + id, Map.of(), Map.of()).status()).isEqualTo(403);
        assertThat(query("SELECT count(*) FROM work_items WHERE intellectual_object_id = " + id)).isZero();

        // An APTrust admin may ask for any institution's object (and then it has unfinished work).
        PageClient ops = APP.as("ops@aptrust.org");
        ops.get("/objects/show/" + id);
        assertThat(ops.post("/objects/init_restore/" + id, Map.of()).status()).isEqualTo(303);
        assertThat(query("SELECT count(*) FROM work_items WHERE intellectual_object_id = " + id)).isEqualTo(1);
    }

    /** Institutional users restore too, as in the original: an object after confirming, and a single file. */
    @Test
    void anInstitutionalUserRestoresAnObjectAndAFile() throws SQLException {
        int id = newObject("page_restore_user");
        PageClient user = APP.as("user@inst1.edu");
        PageClient.Page confirm = user.get("/objects/request_restore/" + id);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.doc().select("form[action=/objects/init_restore/" + id + "] button").text())
                .isEqualTo("Restore object");
        assertThat(user.post("/objects/init_restore/" + id, Map.of()).status()).isEqualTo(303);
        assertThat(query("SELECT count(*) FROM work_items WHERE intellectual_object_id = " + id
                + " AND action = 'Restore Object' AND \"user\" = 'user@inst1.edu'")).isEqualTo(1);

        int other = newObject("page_restore_file");
        long file = query("INSERT INTO generic_files (file_format, size, identifier, intellectual_object_id, state,"
                + " created_at, updated_at, institution_id, uuid, storage_option) VALUES ('text/plain', 77,"
                + " 'institution1.edu/page_restore_file/data/x.txt', " + other + ", 'A', now(), now(), 2,"
                + " gen_random_uuid()::text, 'Standard') RETURNING id");
        PageClient.Page page = user.get("/files/show/" + file);
        assertThat(page.doc().select("a[href=/files/request_restore/" + file + "]").text())
                .isEqualTo("Restore this file");
        PageClient.Page ask = user.get("/files/request_restore/" + file);
        assertThat(ask.status()).isEqualTo(200);
        PageClient.Page done = user.post("/files/init_restore/" + file, Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        long item = query("SELECT id FROM work_items WHERE generic_file_id = " + file);
        assertThat(done.location()).endsWith("/work_items/show/" + item);
        assertThat(query("SELECT count(*) FROM work_items WHERE id = " + item + " AND action = 'Restore File'"
                + " AND status = 'Pending' AND stage = 'Requested' AND size = 77 AND intellectual_object_id = " + other
                + " AND bucket = 'aptrust.restore.institution1.edu'")).isEqualTo(1);
        // the object now has unfinished work: a second request is refused with the reason, writing nothing
        user.get("/files/show/" + file);
        PageClient.Page again = user.post("/files/init_restore/" + file, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("unfinished work");
        assertThat(query("SELECT count(*) FROM work_items WHERE generic_file_id = " + file)).isEqualTo(1);
        // another institution's file is not found
        PageClient stranger = APP.as("user@inst2.edu");
        assertThat(stranger.get("/files/request_restore/" + file).status()).isEqualTo(404);
    }
}
