package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.aptrust.registry.db.testing.FixtureDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * checksums.institution_id (migrations 076-077) is always the institution of the checksum's file: filled for the
 * rows written before it, kept by its triggers whatever a statement says, and read by checksums_view.
 */
class ChecksumInstitutionsTest {

    private static final String WRONG = "SELECT count(*) FROM checksums c LEFT JOIN generic_files f"
            + " ON f.id = c.generic_file_id WHERE c.institution_id IS DISTINCT FROM f.institution_id";

    @RegisterExtension
    static final FixtureDatabaseExtension FIXTURE = new FixtureDatabaseExtension();

    @Test
    void everyFixtureChecksumHasItsFilesInstitutionAndTheViewReadsIt() throws Exception {
        try (Connection c = FIXTURE.db().connect(); Statement st = c.createStatement()) {
            assertThat(one(st, "SELECT count(*) FROM checksums WHERE institution_id IS NOT NULL"))
                    .as("fixture checksums with an institution").isNotEqualTo("0");
            assertThat(one(st, WRONG)).as("checksums whose institution is not their file's").isEqualTo("0");
            assertThat(one(st, "SELECT count(*) FROM checksums_view v JOIN checksums c ON c.id = v.id"
                    + " WHERE v.institution_id IS DISTINCT FROM c.institution_id")).isEqualTo("0");
            assertThat(one(st, "SELECT finished_at IS NOT NULL FROM schema_backfills"
                    + " WHERE name = 'checksum_institutions'")).isEqualTo("t");
        }
    }

    @Test
    void theTriggersKeepItTheFilesWhateverAStatementSays() throws Exception {
        try (Connection c = FIXTURE.db().connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int file = Integer.parseInt(one(st, "SELECT min(id) FROM generic_files"));
            int institution = Integer.parseInt(one(st, "SELECT institution_id FROM generic_files WHERE id = " + file));
            int other = Integer.parseInt(one(st, "SELECT min(id) FROM institutions WHERE id <> " + institution));
            int otherFile = Integer.parseInt(one(st, "SELECT min(id) FROM generic_files WHERE institution_id <> "
                    + institution));

            // A new checksum that names a wrong institution gets its file's.
            String id = one(st, "INSERT INTO checksums (algorithm, datetime, digest, generic_file_id,"
                    + " institution_id, created_at, updated_at) VALUES ('md5', now(), 'abc', " + file + ", " + other
                    + ", now(), now()) RETURNING id");
            assertThat(one(st, "SELECT institution_id FROM checksums WHERE id = " + id))
                    .isEqualTo(String.valueOf(institution));

            // An update of the column alone cannot make it wrong.
            st.execute("UPDATE checksums SET institution_id = " + other + " WHERE id = " + id);
            assertThat(one(st, "SELECT institution_id FROM checksums WHERE id = " + id))
                    .isEqualTo(String.valueOf(institution));

            // A checksum moved to another file follows that file.
            st.execute("UPDATE checksums SET generic_file_id = " + otherFile + " WHERE id = " + id);
            assertThat(one(st, "SELECT institution_id FROM checksums WHERE id = " + id))
                    .isEqualTo(one(st, "SELECT institution_id FROM generic_files WHERE id = " + otherFile));

            // A file moved to another institution takes its checksums along; other files' stay.
            String before = one(st, "SELECT count(*) FROM checksums WHERE institution_id = " + other);
            int moved = Integer.parseInt(one(st, "SELECT count(*) FROM checksums WHERE generic_file_id = " + file));
            assertThat(moved).as("checksums of the file").isPositive();
            st.execute("UPDATE generic_files SET institution_id = " + other + " WHERE id = " + file);
            assertThat(one(st, "SELECT count(*) FROM checksums WHERE generic_file_id = " + file
                    + " AND institution_id = " + other)).isEqualTo(String.valueOf(moved));
            assertThat(Integer.parseInt(one(st, "SELECT count(*) FROM checksums WHERE institution_id = " + other)))
                    .isEqualTo(Integer.parseInt(before) + moved);

            // A checksum without a file has no institution (as the view's outer join gave before).
            String loose = one(st, "INSERT INTO checksums (algorithm, datetime, digest, institution_id, created_at,"
                    + " updated_at) VALUES ('md5', now(), 'def', " + other + ", now(), now()) RETURNING id");
            assertThat(one(st, "SELECT institution_id FROM checksums WHERE id = " + loose)).isNull();

            assertThat(one(st, WRONG)).isEqualTo("0");
            c.rollback();
        }
    }

    @Test
    void anInterruptedBackfillGoesOnFromItsLastBatchAndFinishesOnce() throws Exception {
        try (Connection c = FIXTURE.db().connect(); Statement st = c.createStatement()) {
            // As if 076 had just added the column to a database holding checksums and a run had stopped after
            // the ids up to 5: the trigger is off only while the test makes the rows look old.
            st.execute("ALTER TABLE checksums DISABLE TRIGGER checksums_file_institution");
            try {
                st.execute("UPDATE checksums SET institution_id = NULL");
            } finally {
                st.execute("ALTER TABLE checksums ENABLE TRIGGER checksums_file_institution");
            }
            st.execute("UPDATE schema_backfills SET done_through = 5, finished_at = NULL"
                    + " WHERE name = 'checksum_institutions'");
            st.execute("CALL backfill_checksum_institutions(3)");

            assertThat(one(st, WRONG + " AND c.id > 5")).as("rows after the mark, filled").isEqualTo("0");
            assertThat(one(st, "SELECT count(*) FROM checksums WHERE id <= 5 AND institution_id IS NULL"
                    + " AND generic_file_id IS NOT NULL")).as("rows up to the mark, not done again")
                    .isNotEqualTo("0");
            assertThat(one(st, "SELECT finished_at IS NOT NULL FROM schema_backfills"
                    + " WHERE name = 'checksum_institutions'")).isEqualTo("t");

            // Finished: another call does nothing. Then a full run puts every row right again.
            st.execute("CALL backfill_checksum_institutions(3)");
            assertThat(one(st, "SELECT count(*) FROM checksums WHERE id <= 5 AND institution_id IS NULL"
                    + " AND generic_file_id IS NOT NULL")).isNotEqualTo("0");
            st.execute("UPDATE schema_backfills SET done_through = NULL, finished_at = NULL"
                    + " WHERE name = 'checksum_institutions'");
            st.execute("CALL backfill_checksum_institutions()");
            assertThat(one(st, WRONG)).isEqualTo("0");
        }
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
