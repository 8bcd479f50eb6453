package org.aptrust.registry.web.workflows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.aptrust.registry.db.testing.TestDatabase;

/** Arranges and reads the rows the workflow tests need, with plain SQL on the test database. */
final class WorkflowData {

    private final TestDatabase db;

    /** The whole application on the database, mailing to the mailbox and publishing to the recording nsqd. */
    static io.dropwizard.testing.junit5.DropwizardAppExtension<org.aptrust.registry.web.app.RegistryConfiguration>
            app(TestDatabase db, Mailbox mail, RecordingNsqd nsqd, io.dropwizard.testing.ConfigOverride... more) {
        return org.aptrust.registry.web.pages.WebApp.on(db, java.util.stream.Stream.of(
                java.util.stream.Stream.of(mail.config()),
                java.util.stream.Stream.of(io.dropwizard.testing.ConfigOverride.config("api.nsqUrl", nsqd.url())),
                java.util.stream.Stream.of(more)).flatMap(x -> x)
                .toArray(io.dropwizard.testing.ConfigOverride[]::new));
    }

    WorkflowData(TestDatabase db) {
        this.db = db;
    }

    long query(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    String text(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A new active object of an institution with two active files (1000 and 2345 bytes) and a finished ingest. */
    int newObject(int institution, String domain, String bag) {
        int id = (int) query("INSERT INTO intellectual_objects (title, identifier, bag_name, institution_id,"
                + " created_at, updated_at, state, etag, storage_option, access) VALUES ('t', '" + domain + "/"
                + bag + "', '" + bag + "', " + institution + ", now(), now(), 'A', 'etag-" + bag + "', 'Standard',"
                + " 'institution') RETURNING id");
        for (String[] f : new String[][] {{"data/a.txt", "1000"}, {"data/b.txt", "2345"}}) {
            execute("INSERT INTO generic_files (file_format, size, identifier, intellectual_object_id, state,"
                    + " created_at, updated_at, institution_id, uuid) VALUES ('text/plain', " + f[1] + ", '" + domain
                    + "/" + bag + "/" + f[0] + "', " + id + ", 'A', now(), now(), " + institution
                    + ", gen_random_uuid()::text)");
        }
        execute("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket, \"user\","
                + " note, action, stage, status, outcome, bag_date, date_processed, retry, pid, needs_admin_review,"
                + " institution_id, size) VALUES (now(), now(), " + id + ", '" + bag + ".tar', 'etag-" + bag
                + "', 'aptrust.receiving." + domain + "', 'someone@" + domain + "', 'ingested', 'Ingest', 'Cleanup',"
                + " 'Success', 'done', '2024-01-02', now(), true, 0, false, " + institution + ", 3345)");
        return id;
    }

    int fileOf(int objectId, String name) {
        return (int) query("SELECT id FROM generic_files WHERE intellectual_object_id = " + objectId
                + " AND identifier LIKE '%/" + name + "'");
    }

    /** The messages nsqd accepted for the Delete work items of a request ("delete_item id"). */
    java.util.List<String> publishedFor(RecordingNsqd nsqd, long requestId) {
        java.util.List<String> items = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM work_items WHERE deletion_request_id = " + requestId
                     + " ORDER BY id")) {
            while (rs.next()) {
                items.add("delete_item " + rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return nsqd.published().stream().filter(items::contains).toList();
    }
}
