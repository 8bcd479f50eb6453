package org.aptrust.registry.db.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** db seed at scale S on a freshly migrated database: the row counts, the shape, and adding to data. */
class ScaleDataGeneratorTest {

    static TestDatabase db;
    static Handle h;
    static final List<String> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void seed() {
        db = TestPostgres.emptyDatabase();
        new DatabaseReset(db.dataSource(), MigrationFiles.fromClasspath(), line -> { }).reset(null);
        new ScaleDataGenerator(db.dataSource(), Scale.S, 5, false, PROGRESS::add).generate();
        h = TestJdbi.on(db).open();
    }

    @AfterAll
    static void close() {
        h.close();
        db.drop();
    }

    private static long count(String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }

    @Test
    void theScalesRowCountsExactly() {
        assertThat(count("SELECT count(*) FROM intellectual_objects")).isEqualTo(1_000);
        assertThat(count("SELECT count(*) FROM generic_files")).isEqualTo(10_000);
        assertThat(count("SELECT count(*) FROM checksums")).isEqualTo(20_000);
        assertThat(count("SELECT count(*) FROM storage_records")).isEqualTo(20_000);
        assertThat(count("SELECT count(*) FROM premis_events")).isEqualTo(30_000);
        assertThat(count("SELECT count(*) FROM work_items")).isEqualTo(1_000);
        assertThat(count("SELECT count(*) FROM institutions")).isEqualTo(6);
        assertThat(PROGRESS).anyMatch(l -> l.startsWith("generic_files") && l.contains("10,000 rows"))
                .anyMatch(l -> l.startsWith("seeded scale S"));
    }

    @Test
    void theShapeIsRealistic() {
        // skewed file counts: the giant object, most objects small
        assertThat(count("SELECT max(file_count) FROM intellectual_objects")).isGreaterThanOrEqualTo(100);
        assertThat(count("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY file_count) FROM intellectual_objects"
                + " WHERE state = 'A'")).isBetween(2L, 10L);
        assertThat(count("SELECT count(DISTINCT storage_option) FROM intellectual_objects")).isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM premis_events WHERE event_type = 'fixity check'"
                + " AND outcome = 'Failed'")).isPositive();
        assertThat(count("SELECT count(DISTINCT action) FROM work_items")).isEqualTo(6);
        assertThat(count("SELECT count(DISTINCT status) FROM work_items")).isEqualTo(6);
        assertThat(count("SELECT count(DISTINCT stage) FROM work_items")).isGreaterThanOrEqualTo(14);
        assertThat(count("SELECT min(extract(year FROM created_at)) FROM intellectual_objects")).isEqualTo(2014);
        // the counts were refreshed, and the summary columns are right
        assertThat(count("SELECT row_count FROM generic_file_counts WHERE institution_id IS NULL AND state IS NULL"))
                .isEqualTo(10_000);
        assertThat(count("SELECT count(*) FROM intellectual_objects io WHERE file_count <> (SELECT count(*)"
                + " FROM generic_files gf WHERE gf.intellectual_object_id = io.id AND gf.state = 'A')")).isZero();
    }

    @Test
    void refusesADatabaseWithDataUnlessToldToAdd() {
        ScaleDataGenerator again = new ScaleDataGenerator(db.dataSource(), Scale.S, 5, false, line -> { });
        assertThatThrownBy(again::generate).isInstanceOf(ScaleDataGenerator.NotEmptyException.class)
                .hasMessageContaining("--add");
        TestDatabase fixtures = TestPostgres.fixtureDatabase();
        try {
            new ScaleDataGenerator(fixtures.dataSource(), Scale.S, 2, true, line -> { }).generate();
            try (Handle f = TestJdbi.on(fixtures).open()) {
                assertThat(f.createQuery("SELECT count(*) FROM intellectual_objects").mapTo(Long.class).one())
                        .isEqualTo(18 + 1_000);
                assertThat(f.createQuery("SELECT row_count FROM intellectual_object_counts"
                        + " WHERE institution_id IS NULL AND state IS NULL").mapTo(Long.class).one())
                        .isEqualTo(18 + 1_000);
                assertThat(f.createQuery("SELECT count(*) FROM institutions WHERE identifier = 'aptrust.org'")
                        .mapTo(Long.class).one()).isEqualTo(1);
            }
        } finally {
            fixtures.drop();
        }
    }
}
