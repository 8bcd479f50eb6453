package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** 020's object backfill resumes where an interrupted run stopped, and finishes once. */
class BackfillResumeTest {

    @Test
    void anInterruptedBackfillGoesOnFromItsLastBatch() throws Exception {
        TestDatabase db = TestPostgres.fixtureDatabase();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // As if a run stopped after the objects up to id 5: every total is wrong (zero), the marker says 5.
            st.execute("UPDATE intellectual_objects SET file_count = 0, size = 0, payload_file_count = 0,"
                    + " payload_size = 0");
            st.execute("INSERT INTO schema_backfills (name, requested_by, done_through) VALUES ('object_summaries',"
                    + " 'test', 5) ON CONFLICT (name) DO UPDATE SET done_through = 5, finished_at = NULL");
            st.execute("CALL backfill_object_summaries(4)");

            assertThat(one(st, "SELECT count(*) FROM intellectual_objects WHERE id > 5 AND file_count <> "
                    + "(SELECT count(*) FROM generic_files g WHERE g.intellectual_object_id = intellectual_objects.id"
                    + " AND g.state = 'A')")).as("objects after the mark, recounted").isEqualTo("0");
            assertThat(one(st, "SELECT count(*) FROM intellectual_objects WHERE id <= 5 AND file_count = 0"
                    + " AND EXISTS (SELECT 1 FROM generic_files g WHERE g.intellectual_object_id ="
                    + " intellectual_objects.id AND g.state = 'A')"))
                    .as("objects up to the mark, not done again").isNotEqualTo("0");
            assertThat(one(st, "SELECT finished_at IS NOT NULL FROM schema_backfills WHERE name = 'object_summaries'"))
                    .isEqualTo("t");

            // Finished: another call changes nothing.
            st.execute("UPDATE intellectual_objects SET file_count = 12345 WHERE id = 7");
            st.execute("CALL backfill_object_summaries(4)");
            assertThat(one(st, "SELECT file_count FROM intellectual_objects WHERE id = 7")).isEqualTo("12345");
        } finally {
            db.drop();
        }
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
