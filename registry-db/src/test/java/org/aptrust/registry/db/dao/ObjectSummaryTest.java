package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * intellectual_objects' summary columns (013), which intellectual_objects_view now reads, always equal what the
 * view's original correlated subqueries compute from generic_files, whatever is done to the files.
 */
class ObjectSummaryTest {

    /** The subqueries of 000's intellectual_objects_view, compared with the view and with the table's columns. */
    private static final String MISMATCHES = """
            SELECT v.id FROM intellectual_objects_view v JOIN intellectual_objects io ON io.id = v.id
            CROSS JOIN LATERAL (SELECT
                (SELECT count(*) FROM generic_files gf
                  WHERE gf.intellectual_object_id = io.id AND gf.state = 'A') AS file_count,
                (SELECT coalesce(sum(gf.size), 0) FROM generic_files gf
                  WHERE gf.intellectual_object_id = io.id AND gf.state = 'A') AS size,
                (SELECT count(*) FROM generic_files gf
                  WHERE gf.intellectual_object_id = io.id AND gf.state = 'A'
                    AND starts_with(gf.identifier, io.identifier || '/data/')) AS payload_file_count,
                (SELECT coalesce(sum(gf.size), 0) FROM generic_files gf
                  WHERE gf.intellectual_object_id = io.id AND gf.state = 'A'
                    AND starts_with(gf.identifier, io.identifier || '/data/')) AS payload_size) s
            WHERE (v.file_count, v.size, v.payload_file_count, v.payload_size)
                  IS DISTINCT FROM (s.file_count, s.size, s.payload_file_count, s.payload_size)
               OR (io.file_count, io.size, io.payload_file_count, io.payload_size)
                  IS DISTINCT FROM (s.file_count, s.size, s.payload_file_count, s.payload_size)
            ORDER BY v.id
            """;

    static Handle h;

    @BeforeAll
    static void open() {
        Jdbi jdbi = TestJdbi.on(TestPostgres.fixtureDatabase());
        h = jdbi.open();
    }

    @AfterAll
    static void close() {
        h.close();
    }

    private static void assertSummariesMatch() {
        assertThat(h.createQuery(MISMATCHES).mapTo(Integer.class).list()).as("objects whose summary is off").isEmpty();
    }

    private static List<Long> summary(int objectId) {
        return h.createQuery("SELECT unnest(ARRAY[file_count, size, payload_file_count, payload_size])"
                + " FROM intellectual_objects WHERE id = :id").bind("id", objectId).mapTo(Long.class).list();
    }

    private static void exec(String sql) {
        h.execute(sql);
    }

    private static String file(int objectId, String path, long size, String state, String uuid) {
        return "('text/plain', " + size + ", (SELECT identifier FROM intellectual_objects WHERE id = " + objectId
                + ") || '" + path + "', " + objectId + ", now(), now(), '" + state + "', "
                + "(SELECT institution_id FROM intellectual_objects WHERE id = " + objectId + "), '" + uuid + "')";
    }

    private static final String INSERT = "INSERT INTO generic_files (file_format, size, identifier,"
            + " intellectual_object_id, created_at, updated_at, state, institution_id, uuid) VALUES ";

    @Test
    void theSummariesFollowEveryChangeToTheFiles() {
        assertSummariesMatch();
        assertThat(summary(1)).containsExactly(6L, 5_457_382L, 3L, 5_456_945L);

        // a multi-row insert touching two objects: payload, tag file, and an already deleted file
        exec(INSERT + String.join(", ", file(1, "/data/new.txt", 100, "A", "s-1"), file(1, "/tag-extra.txt", 7, "A",
                "s-2"), file(2, "/data/gone.txt", 50, "D", "s-3"), file(2, "/data/more.txt", 1000, "A", "s-4")));
        assertThat(summary(1)).containsExactly(8L, 5_457_489L, 4L, 5_457_045L);
        assertSummariesMatch();

        // state changes, one row and many rows across objects
        exec("UPDATE generic_files SET state = 'D' WHERE uuid = 's-1'");
        assertThat(summary(1)).containsExactly(7L, 5_457_389L, 3L, 5_456_945L);
        exec("UPDATE generic_files SET state = CASE state WHEN 'A' THEN 'D' ELSE 'A' END"
                + " WHERE intellectual_object_id IN (2, 8, 13)");
        assertSummariesMatch();
        exec("UPDATE generic_files SET state = CASE state WHEN 'A' THEN 'D' ELSE 'A' END"
                + " WHERE intellectual_object_id IN (2, 8, 13)");
        assertSummariesMatch();

        // sizes, including NULL
        exec("UPDATE generic_files SET size = size * 2 WHERE intellectual_object_id = 5");
        exec("UPDATE generic_files SET size = NULL WHERE uuid = 's-2'");
        assertSummariesMatch();

        // an identifier moves a file out of data/, and a file moves to another object
        exec("UPDATE generic_files SET identifier = identifier || '.moved' WHERE uuid = 's-4'");
        exec("UPDATE generic_files SET identifier = replace(identifier, '/data/', '/'), size = 3 WHERE uuid = 's-4'");
        exec("UPDATE generic_files SET intellectual_object_id = 3 WHERE uuid = 's-2'");
        assertSummariesMatch();

        // updates that change nothing the summary counts (a fixity check) leave it alone
        List<Long> before = summary(4);
        exec("UPDATE generic_files SET last_fixity_check = now() WHERE intellectual_object_id = 4");
        assertThat(summary(4)).isEqualTo(before);

        // deletes
        exec("DELETE FROM generic_files WHERE uuid IN ('s-1', 's-2', 's-3', 's-4')");
        assertThat(summary(1)).containsExactly(6L, 5_457_382L, 3L, 5_456_945L);
        assertSummariesMatch();
    }

    @Test
    void anObjectCountsFilesThatArrivedFirstAndRecountsWhenItsIdentifierChanges() {
        exec(INSERT + "('text/plain', 10, 'test.edu/early_bag/data/a.txt', 900, now(), now(), 'A', 4, 'e-1'),"
                + " ('text/plain', 20, 'test.edu/early_bag/manifest.txt', 900, now(), now(), 'A', 4, 'e-2')");
        exec("INSERT INTO intellectual_objects (id, identifier, bag_name, institution_id, created_at, updated_at,"
                + " state) VALUES (900, 'test.edu/early_bag', 'early_bag', 4, now(), now(), 'A')");
        assertThat(summary(900)).containsExactly(2L, 30L, 1L, 10L);
        exec("UPDATE intellectual_objects SET identifier = 'test.edu/early' WHERE id = 900");
        assertThat(summary(900)).containsExactly(2L, 30L, 0L, 0L);
        exec("UPDATE intellectual_objects SET identifier = 'test.edu/early_bag', title = 'x' WHERE id = 900");
        assertThat(summary(900)).containsExactly(2L, 30L, 1L, 10L);
        assertSummariesMatch();
        exec("DELETE FROM generic_files WHERE intellectual_object_id = 900");
        exec("DELETE FROM intellectual_objects WHERE id = 900");
    }

    @Test
    void totalsOfHugeFilesDoNotOverflow() {
        // Two files of 2^62 bytes add up to 2^63, one more than bigint holds: the insert must still succeed.
        long huge = 1L << 62;
        exec(INSERT + file(3, "/data/huge-1", huge, "A", "00000000-0000-4000-8000-0000000000a1") + ", "
                + file(3, "/data/huge-2", huge, "A", "00000000-0000-4000-8000-0000000000a2"));
        assertThat(h.createQuery("SELECT size::text FROM intellectual_objects WHERE id = 3").mapTo(String.class).one())
                .isEqualTo(new java.math.BigInteger(h.createQuery("SELECT coalesce(sum(size), 0)::text FROM generic_files"
                        + " WHERE intellectual_object_id = 3 AND state = 'A'").mapTo(String.class).one()).toString());
        assertThat(new java.math.BigInteger(h.createQuery("SELECT size::text FROM intellectual_objects WHERE id = 3")
                .mapTo(String.class).one())).isGreaterThan(java.math.BigInteger.valueOf(Long.MAX_VALUE));
        assertSummariesMatch();
        exec("DELETE FROM generic_files WHERE identifier LIKE '%/data/huge-%'");
        assertSummariesMatch();
    }

    @Test
    void truncatingTheFilesZeroesEverySummary() {
        Jdbi other = TestJdbi.on(TestPostgres.fixtureDatabase());
        try (Handle t = other.open()) {
            t.execute("TRUNCATE generic_files CASCADE");
            assertThat(t.createQuery("SELECT count(*) FROM intellectual_objects"
                    + " WHERE file_count + size + payload_file_count + payload_size <> 0").mapTo(Long.class).one())
                    .isZero();
        }
    }
}
