package org.aptrust.registry.db.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.FixtureLoader;
import org.aptrust.registry.db.model.Vocabulary;

/**
 * Fills a migrated database with realistic synthetic data, set-based: every table is one INSERT ... SELECT over
 * generate_series, so the database does the work and M (a million files, three million events) takes minutes.
 *
 * <p>The shape follows a real repository: a few institutions hold most objects (Zipf); most objects have a handful
 * of files and a few have thousands (log-normal, plus the scale's giant objects); file sizes are log-normal; several
 * storage options; every file has checksums, storage records and events (ingestion, fixity checks with some
 * failures, replication, and now and then every other PREMIS type); work items in every action, stage and status;
 * creation dates from 2014 to now, more of them recent. The random generator is seeded, so a scale gives the same
 * shape each time.
 *
 * <p>It refuses a database that already holds objects, files or institutions unless told to add; added data gets
 * ids after the existing ones and identifiers with a tag of its own. Afterwards it moves the id sequences, refreshes
 * the counts and statistics, and VACUUM ANALYZEs the tables so the planner and index-only scans see them.
 */
public final class ScaleDataGenerator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final String FIXTURE_PASSWORD_HASH = "$2a$10$ltWSm3LpO12w.uW9th/R4OlGZrRnfwn.7AhZLbK/mAid4oq1GdDDW";

    private final DataSource dataSource;
    private final Scale scale;
    private final int institutions;
    private final boolean add;
    private final Consumer<String> progress;

    public ScaleDataGenerator(DataSource dataSource, Scale scale, int institutions, boolean add,
                              Consumer<String> progress) {
        if (institutions < 1 || institutions > 1000) {
            throw new IllegalArgumentException("--institutions must be from 1 to 1000, not " + institutions);
        }
        this.dataSource = dataSource;
        this.scale = scale;
        this.institutions = institutions;
        this.add = add;
        this.progress = progress;
    }

    /** Thrown when the database already holds data and adding was not asked for. */
    public static final class NotEmptyException extends IllegalStateException {
        NotEmptyException(String message) {
            super(message);
        }
    }

    public void generate() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String holds = existingData(c);
            if (holds != null && !add) {
                throw new NotEmptyException("the database already holds data (" + holds + "); use --add to add the"
                        + " synthetic data to it");
            }
            Map<String, Object> v = variables(c);
            exec(c, "SET synchronous_commit = off");
            exec(c, "SET work_mem = '256MB'");
            exec(c, "SET maintenance_work_mem = '1GB'");
            exec(c, "SELECT setseed(0.2014)");
            step(c, "storage_options", STORAGE_OPTIONS, v);
            step(c, "institutions", INSTITUTIONS, v);
            step(c, "users", USERS, v);
            plan(c, v);
            bulk(c, "intellectual_objects", v, "intellectual_objects", OBJECTS);
            bulk(c, "generic_files", v, "generic_files", FILES);
            bulk(c, "checksums", v, "checksums", CHECKSUMS);
            bulk(c, "storage_records", v, "storage_records", STORAGE_RECORDS);
            bulk(c, "premis_events", v, "premis_events (object level)", OBJECT_EVENTS, "premis_events (file level)",
                    FILE_EVENTS);
            bulk(c, "work_items", v, "work_items", WORK_ITEMS);
            step(c, "deletion_requests", DELETION_REQUESTS, v);
            step(c, "deletion_requests_intellectual_objects", DELETION_REQUEST_OBJECTS, v);
            step(c, "alerts", ALERTS, v);
            step(c, "alerts_users", ALERT_RECIPIENTS, v);
            exec(c, "DROP TABLE IF EXISTS seed_objects");
            DatabaseReset.resetSequences(c);
            timed("vacuum analyze", () -> exec(c, "VACUUM ANALYZE"));
            timed("counts and statistics", () -> {
                refreshCountViews(c);
                DatabaseReset.refreshStats(c);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
        progress.accept(String.format(Locale.ROOT, "seeded scale %s in %.1f s", scale,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * update_counts() skips a refresh within an hour of the last one, which would leave data added now out of the
     * list totals: the count views that exist as materialized views are refreshed outright.
     */
    private static void refreshCountViews(Connection c) throws SQLException {
        for (String view : List.of("premis_event_counts", "intellectual_object_counts", "generic_file_counts",
                "work_item_counts")) {
            boolean matview;
            try (var ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_matviews"
                    + " WHERE schemaname = current_schema() AND matviewname = ?)")) {
                ps.setString(1, view);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matview = rs.getBoolean(1);
                }
            }
            if (matview) {
                exec(c, "REFRESH MATERIALIZED VIEW " + FixtureLoader.quote(view));
            }
        }
    }

    /** What the database already holds, or null when it is empty. */
    static String existingData(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM institutions), (SELECT count(*) FROM (SELECT 1 FROM intellectual_objects"
                        + " LIMIT 1) o), (SELECT count(*) FROM (SELECT 1 FROM generic_files LIMIT 1) f)")) {
            rs.next();
            if (rs.getLong(1) == 0 && rs.getLong(2) == 0 && rs.getLong(3) == 0) {
                return null;
            }
            return rs.getLong(1) + " institutions" + (rs.getLong(2) > 0 ? ", objects" : "")
                    + (rs.getLong(3) > 0 ? ", files" : "");
        }
    }

    /** The numbers every statement uses: row counts, id bases after existing rows, this run's tag. */
    private Map<String, Object> variables(Connection c) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("institutions", institutions);
        v.put("objects", scale.objects());
        v.put("files", scale.files());
        v.put("checksums", scale.checksums());
        v.put("storage_records", scale.storageRecords());
        v.put("object_events", 2 * scale.objects());
        v.put("file_events", scale.events() - 2 * scale.objects());
        v.put("work_items", scale.workItems());
        v.put("deletion_requests", Math.max(1, scale.objects() / 1000));
        v.put("alerts", Math.max(1, scale.objects() / 200));
        v.put("giants", scale.largestObjects().size());
        v.put("giant_files", scale.largestObjects().stream().mapToLong(Integer::longValue).sum());
        v.put("giant_sizes", "ARRAY" + scale.largestObjects());
        // A lowercase tag keeps identifiers unique when data is added to data.
        v.put("tag", Long.toString(Math.abs(new Random(System.nanoTime()).nextLong()) % 46_656L + 46_656L, 36));
        v.put("password_hash", FIXTURE_PASSWORD_HASH);
        v.put("storage_options", sqlArray(Vocabulary.STORAGE_OPTIONS));
        v.put("event_types", sqlArray(Vocabulary.EVENT_TYPES));
        v.put("stages", sqlArray(Vocabulary.WORK_ITEM_STAGES));
        for (String t : List.of("institutions", "users", "intellectual_objects", "generic_files", "checksums",
                "storage_records", "premis_events", "work_items", "deletion_requests", "alerts")) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM " + t)) {
                rs.next();
                v.put("base_" + t, rs.getLong(1));
            }
        }
        return v;
    }

    /** The objects to create, with how many files each gets and where its files' ids start. */
    private void plan(Connection c, Map<String, Object> v) throws SQLException {
        step(c, "planning objects", PLAN_OBJECTS, v);
        // Make the file counts add up to exactly the scale's number of files.
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(n_files), 0) FROM seed_objects")) {
            rs.next();
            v.put("file_shortfall", scale.files() - rs.getLong(1));
        }
        exec(c, fill(PLAN_EXACT_FILE_COUNT, v));
        exec(c, "CREATE UNIQUE INDEX ON seed_objects (n)");
        exec(c, "ANALYZE seed_objects");
    }

    /**
     * Loads a big table. Into an empty table (not when adding), the table's plain indexes are dropped first and
     * built again afterwards from their own definitions, in one transaction with the load: building an index
     * from all rows at once is many times faster than growing it row by row, and a failure leaves the table as it
     * was, indexes included.
     */
    private void bulk(Connection c, String table, Map<String, Object> v, String... labelsAndStatements)
            throws SQLException {
        boolean rebuild = !add;
        List<String[]> indexes = new java.util.ArrayList<>();
        c.setAutoCommit(false);
        try {
            if (rebuild) {
                try (var ps = c.prepareStatement("SELECT i.indexname, i.indexdef FROM pg_indexes i"
                        + " WHERE i.schemaname = current_schema() AND i.tablename = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                        + "   WHERE k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)"
                        + " ORDER BY i.indexname")) {
                    ps.setString(1, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
                for (String[] index : indexes) {
                    exec(c, "DROP INDEX " + FixtureLoader.quote(index[0]));
                }
            }
            for (int i = 0; i < labelsAndStatements.length; i += 2) {
                step(c, labelsAndStatements[i], labelsAndStatements[i + 1], v);
            }
            if (rebuild) {
                timed("  " + indexes.size() + " indexes of " + table, () -> {
                    for (String[] index : indexes) {
                        exec(c, index[1]);
                    }
                });
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void step(Connection c, String table, String sql, Map<String, Object> v) throws SQLException {
        long t0 = System.nanoTime();
        long rows;
        try (Statement st = c.createStatement()) {
            rows = 0;
            boolean resultSet = st.execute(fill(sql, v));
            while (true) {
                if (!resultSet) {
                    int count = st.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    rows += count;
                }
                resultSet = st.getMoreResults();
            }
        }
        progress.accept(String.format(Locale.ROOT, "%-40s %,12d rows %8.1f s", table, rows,
                (System.nanoTime() - t0) / 1e9));
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void timed(String what, SqlWork work) throws SQLException {
        long t0 = System.nanoTime();
        work.run();
        progress.accept(String.format(Locale.ROOT, "%-40s %12s      %8.1f s", what, "", (System.nanoTime() - t0) / 1e9));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String fill(String sql, Map<String, Object> v) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = v.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String sqlArray(List<String> values) {
        return "ARRAY[" + String.join(", ", values.stream().map(s -> "'" + s.replace("'", "''") + "'").toList())
                + "]::varchar[]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // The statements. ${...} are numbers or SQL literals built above, never user input. Random draws happen in an
    // inner SELECT (volatile functions keep it from being flattened), so each row draws once and uses the draws
    // consistently. A standard normal z is sqrt(-2 ln u1) * cos(2 pi u2).
    // ---------------------------------------------------------------------------------------------------------

    private static final String STORAGE_OPTIONS = """
            INSERT INTO storage_options (provider, service, region, name, cost_gb_per_month, comment, updated_at)
            SELECT CASE WHEN name LIKE 'Wasabi%' THEN 'Wasabi' ELSE 'AWS' END,
                   CASE WHEN name LIKE 'Glacier-Deep%' THEN 'Glacier-Deep' WHEN name LIKE 'Glacier%' THEN 'Glacier'
                        WHEN name LIKE 'Wasabi%' THEN 'Wasabi' ELSE 'S3' END,
                   CASE WHEN name LIKE '%-OR' THEN 'us-west-2' WHEN name LIKE '%-OH' THEN 'us-east-2'
                        WHEN name LIKE '%-TX' THEN 'us-central-1' ELSE 'us-east-1' END,
                   name,
                   CASE WHEN name = 'Standard' THEN 0.41016 WHEN name LIKE 'Glacier-Deep%' THEN 0.01953
                        WHEN name LIKE 'Glacier%' THEN 0.05859 WHEN name LIKE 'Wasabi%' THEN 0.0059 ELSE 0.023 END,
                   'generated by db seed', now() AT TIME ZONE 'UTC'
            FROM unnest(${storage_options}) AS name
            ON CONFLICT (name) DO NOTHING
            """;

    /** APTrust itself (when missing), then members; every fourth is a sub-account of the one before it. */
    private static final String INSTITUTIONS = """
            WITH aptrust AS (
                INSERT INTO institutions (id, name, identifier, created_at, updated_at, state, type, otp_enabled,
                                          receiving_bucket, restore_bucket, spot_restore_frequency)
                SELECT ${base_institutions} + ${institutions} + 1, 'APTrust', 'aptrust.org', '2014-01-01',
                       '2014-01-01', 'A', NULL, false, 'aptrust.receiving.aptrust.org', 'aptrust.restore.aptrust.org', 0
                WHERE NOT EXISTS (SELECT 1 FROM institutions WHERE identifier = 'aptrust.org')
                RETURNING id)
            INSERT INTO institutions (id, name, identifier, created_at, updated_at, state, type, member_institution_id,
                                      otp_enabled, receiving_bucket, restore_bucket, spot_restore_frequency)
            SELECT ${base_institutions} + k,
                   'Seed University ' || k || ' (' || '${tag}' || ')',
                   'u' || k || '-${tag}.edu',
                   '2014-01-01'::timestamp + (k * interval '20 days'),
                   '2014-01-01'::timestamp + (k * interval '20 days'),
                   'A',
                   CASE WHEN k % 4 = 0 THEN 'SubscriptionInstitution' ELSE 'MemberInstitution' END,
                   CASE WHEN k % 4 = 0 THEN ${base_institutions} + k - 1 END,
                   k % 3 = 0,
                   'aptrust.receiving.u' || k || '-${tag}.edu',
                   'aptrust.restore.u' || k || '-${tag}.edu',
                   (ARRAY[0, 30, 60, 90])[1 + k % 4]
            FROM generate_series(1, ${institutions}) AS k
            """;

    /** An admin and a user per institution (password "password", like the fixtures). */
    private static final String USERS = """
            INSERT INTO users (id, name, email, created_at, updated_at, encrypted_password, institution_id, role,
                               email_verified, initial_password_updated, account_confirmed)
            SELECT ${base_users} + 2 * (k - 1) + r,
                   CASE r WHEN 1 THEN 'Admin ' ELSE 'User ' END || k,
                   CASE r WHEN 1 THEN 'admin' ELSE 'user' END || '@u' || k || '-${tag}.edu',
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', '${password_hash}', ${base_institutions} + k,
                   CASE r WHEN 1 THEN 'institutional_admin' ELSE 'institutional_user' END, true, true, true
            FROM generate_series(1, ${institutions}) AS k, generate_series(1, 2) AS r
            """;

    /**
     * seed_objects: one row per object to create. Institution by Zipf weight (1/k), created_at leaning recent
     * (sqrt), file count log-normal (median about 5, long tail, at most 3,000) except for the giants, scaled so
     * that all file counts add up to the scale's total.
     */
    private static final String PLAN_OBJECTS = """
            DROP TABLE IF EXISTS seed_objects;
            CREATE TEMP TABLE seed_objects AS
            WITH inst AS (
                SELECT k, ${base_institutions} + k AS id, 'u' || k || '-${tag}.edu' AS identifier,
                       sum(1.0 / k) OVER (ORDER BY k) / sum(1.0 / k) OVER () AS hi,
                       (sum(1.0 / k) OVER (ORDER BY k) - 1.0 / k) / sum(1.0 / k) OVER () AS lo
                FROM generate_series(1, ${institutions}) AS k),
            draws AS (
                SELECT n, random() AS r_inst, random() AS r_date, random() AS r_update, random() AS r_state,
                       random() AS r_option, random() AS r_access, random() AS r_profile,
                       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
                FROM generate_series(1, ${objects}) AS n),
            planned AS (
                SELECT d.n,
                       ${base_intellectual_objects} + d.n AS id,
                       i.id AS institution_id,
                       i.identifier AS institution_identifier,
                       'bag_' || lpad(d.n::text, 8, '0') AS bag_name,
                       '2014-01-01'::timestamp
                           + (now() AT TIME ZONE 'UTC' - '2014-01-01'::timestamp) * sqrt(d.r_date) AS created_at,
                       d.r_update,
                       CASE WHEN d.r_state < 0.04 THEN 'D' ELSE 'A' END AS state,
                       CASE WHEN d.r_option < 0.70 THEN 'Standard'
                            WHEN d.r_option < 0.78 THEN 'Glacier-Deep-OR'
                            WHEN d.r_option < 0.84 THEN 'Glacier-OR'
                            WHEN d.r_option < 0.87 THEN 'Glacier-VA'
                            WHEN d.r_option < 0.89 THEN 'Glacier-Deep-VA'
                            WHEN d.r_option < 0.90 THEN 'Glacier-OH'
                            WHEN d.r_option < 0.91 THEN 'Glacier-Deep-OH'
                            WHEN d.r_option < 0.94 THEN 'Wasabi-OR'
                            WHEN d.r_option < 0.96 THEN 'Wasabi-VA'
                            WHEN d.r_option < 0.97 THEN 'Wasabi-TX'
                            WHEN d.r_option < 0.98 THEN 'S3-VA'
                            WHEN d.r_option < 0.99 THEN 'S3-OH'
                            ELSE 'S3-OR' END AS storage_option,
                       CASE WHEN d.r_access < 0.5 THEN 'consortia' WHEN d.r_access < 0.85 THEN 'institution'
                            ELSE 'restricted' END AS access,
                       d.r_profile,
                       CASE WHEN d.n <= ${giants} THEN (${giant_sizes})[d.n]
                            ELSE least(3000, greatest(1, floor(exp(1.6 + 1.2 * d.z))))::int END AS raw_files
                FROM draws d
                JOIN inst i ON d.r_inst >= i.lo AND d.r_inst < i.hi)
            SELECT p.*,
                   CASE WHEN p.n <= ${giants} THEN p.raw_files
                        ELSE greatest(1, round(p.raw_files * (${files} - ${giant_files})::numeric
                                               / nullif(sum(p.raw_files) FILTER (WHERE p.n > ${giants}) OVER (), 0)))
                        END::int AS n_files
            FROM planned p
            """;

    /** Rounding leaves the total a little off: take or give one file per object until it is exact. */
    private static final String PLAN_EXACT_FILE_COUNT = """
            UPDATE seed_objects SET n_files = n_files + sign(${file_shortfall})::int
            WHERE n IN (SELECT n FROM seed_objects
                        WHERE n > ${giants} AND (${file_shortfall} > 0 OR n_files > 1)
                        ORDER BY n LIMIT abs(${file_shortfall}));
            ALTER TABLE seed_objects ADD COLUMN first_file bigint;
            UPDATE seed_objects s SET first_file = f.first_file
            FROM (SELECT n, sum(n_files) OVER (ORDER BY n) - n_files AS first_file FROM seed_objects) f
            WHERE f.n = s.n
            """;

    private static final String OBJECTS = """
            INSERT INTO intellectual_objects (id, title, description, identifier, alt_identifier, access, bag_name,
                institution_id, created_at, updated_at, state, etag, bag_group_identifier, storage_option,
                bagit_profile_identifier, source_organization, internal_sender_identifier,
                internal_sender_description)
            SELECT o.id,
                   'Collection ' || o.n,
                   'Synthetic bag ' || o.n || ' of ' || o.institution_identifier,
                   o.institution_identifier || '/' || o.bag_name,
                   CASE WHEN o.n % 3 = 0 THEN 'alt-' || o.n END,
                   o.access,
                   o.bag_name,
                   o.institution_id,
                   o.created_at,
                   o.created_at + (now() AT TIME ZONE 'UTC' - o.created_at) * power(o.r_update, 4),
                   o.state,
                   md5(o.id::text || '${tag}'),
                   CASE WHEN o.n % 10 = 0 THEN 'group_' || (o.n / 1000) END,
                   o.storage_option,
                   CASE WHEN o.r_profile < 0.05
                        THEN 'https://github.com/dpscollaborative/btr_bagit_profile/releases/download/1.0/btr-bagit-profile.json'
                        ELSE 'https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json'
                        END,
                   'Seed University',
                   'sender-' || (o.n % 97),
                   CASE WHEN o.n % 5 = 0 THEN 'Transfer batch ' || (o.n % 53) END
            FROM seed_objects o
            ORDER BY o.n
            """;

    /**
     * Files: with three or more files an object has two tag files (bagit.txt, manifest-sha256.txt), the rest are
     * payload under data/. Sizes are log-normal (median about 160 KB, a long tail to gigabytes).
     */
    private static final String FILES = """
            INSERT INTO generic_files (id, file_format, size, identifier, intellectual_object_id, created_at,
                updated_at, state, last_fixity_check, institution_id, storage_option, uuid, mod_time)
            SELECT ${base_generic_files} + f.first_file + f.g,
                   CASE WHEN f.tag THEN 'text/plain' ELSE (ARRAY['application/pdf', 'image/tiff', 'image/jpeg',
                        'text/plain', 'audio/wav', 'video/mp4', 'application/xml', 'text/csv'])[f.fmt] END,
                   CASE WHEN f.tag THEN 40 + floor(f.r_size * 4000)::bigint
                        ELSE greatest(1, floor(exp(12 + 2.3 * f.z)))::bigint END,
                   f.identifier || CASE WHEN f.tag THEN (ARRAY['/bagit.txt', '/manifest-sha256.txt'])[f.g]
                        ELSE '/data/dir' || (f.g % 17) || '/file_' || f.g || '.'
                             || (ARRAY['pdf', 'tif', 'jpg', 'txt', 'wav', 'mp4', 'xml', 'csv'])[f.fmt] END,
                   f.id,
                   f.created_at + f.g * interval '1 second',
                   f.updated_at,
                   CASE WHEN f.state = 'D' OR f.r_state < 0.01 THEN 'D' ELSE 'A' END,
                   CASE WHEN f.storage_option = 'Standard'
                        THEN now() AT TIME ZONE 'UTC' - f.r_fixity * interval '90 days'
                        ELSE f.created_at END,
                   f.institution_id,
                   f.storage_option,
                   gen_random_uuid()::text,
                   CASE WHEN NOT f.tag AND f.r_state > 0.5 THEN f.created_at - f.r_fixity * interval '1000 days' END
            FROM (SELECT o.*, i.identifier, i.updated_at, g,
                         o.n_files >= 3 AND g <= 2 AS tag,
                         1 + floor(random() * 8)::int AS fmt,
                         random() AS r_size, random() AS r_state, random() AS r_fixity,
                         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
                  FROM seed_objects o
                  JOIN intellectual_objects i ON i.id = o.id,
                  generate_series(1, o.n_files) AS g) f
            """;

    /** md5 and sha256 for every file, then sha1 and sha512 when the scale asks for more than two per file. */
    private static final String CHECKSUMS = """
            INSERT INTO checksums (id, algorithm, datetime, digest, generic_file_id, created_at, updated_at)
            SELECT ${base_checksums} + j,
                   (ARRAY['md5', 'sha256', 'sha1', 'sha512'])[1 + ((j - 1) / ${files}) % 4],
                   gf.created_at,
                   CASE ((j - 1) / ${files}) % 4
                        WHEN 0 THEN md5(gf.uuid)
                        WHEN 2 THEN left(md5(gf.uuid) || md5(gf.identifier), 40)
                        WHEN 1 THEN md5(gf.uuid) || md5(gf.identifier)
                        ELSE md5(gf.uuid) || md5(gf.identifier) || md5(gf.uuid || 'a') || md5(gf.uuid || 'b') END,
                   gf.id,
                   gf.created_at,
                   gf.created_at
            FROM generate_series(1, ${checksums}) AS j
            JOIN generic_files gf ON gf.id = ${base_generic_files} + (j - 1) % ${files} + 1
            """;

    private static final String STORAGE_RECORDS = """
            INSERT INTO storage_records (id, generic_file_id, url)
            SELECT ${base_storage_records} + j,
                   gf.id,
                   CASE WHEN gf.storage_option = 'Standard' AND (j - 1) / ${files} % 2 = 1
                        THEN 'https://s3.us-west-2.amazonaws.com/aptrust.preservation.oregon/'
                        WHEN gf.storage_option = 'Standard'
                        THEN 'https://s3.amazonaws.com/aptrust.preservation.storage/'
                        WHEN gf.storage_option LIKE 'Wasabi%'
                        THEN 'https://s3.wasabisys.com/aptrust.wasabi.' || lower(right(gf.storage_option, 2)) || '/'
                        ELSE 'https://s3.amazonaws.com/aptrust.preservation.' || lower(gf.storage_option) || '/'
                        END || gf.uuid
            FROM generate_series(1, ${storage_records}) AS j
            JOIN generic_files gf ON gf.id = ${base_generic_files} + (j - 1) % ${files} + 1
            """;

    /** Two per object: its ingestion, then its identifier assignment (or, for a deleted object, its deletion). */
    private static final String OBJECT_EVENTS = """
            INSERT INTO premis_events (id, identifier, event_type, date_time, outcome_detail, detail,
                outcome_information, object, agent, intellectual_object_id, generic_file_id, created_at, updated_at,
                outcome, institution_id)
            SELECT ${base_premis_events} + j,
                   gen_random_uuid()::text,
                   CASE WHEN j <= ${objects} THEN 'ingestion'
                        WHEN i.state = 'D' THEN 'deletion' ELSE 'identifier assignment' END,
                   i.created_at + CASE WHEN j <= ${objects} THEN interval '0' ELSE interval '1 minute' END,
                   CASE WHEN j <= ${objects} THEN 'Ingested' ELSE i.identifier END,
                   CASE WHEN j <= ${objects} THEN 'Bag ingested' ELSE 'Object-level event' END,
                   'Object ' || i.identifier,
                   'APTrust preservation services',
                   'https://github.com/APTrust/preservation-services',
                   i.id, NULL, i.created_at, i.created_at, 'Success', i.institution_id
            FROM generate_series(1, ${object_events}) AS j
            JOIN intellectual_objects i ON i.id = ${base_intellectual_objects} + (j - 1) % ${objects} + 1
            """;

    /**
     * Per file, round by round: ingestion, fixity check, replication, message digest calculation, more fixity
     * checks. One in a hundred is any PREMIS type instead; one fixity check in three hundred failed.
     */
    private static final String FILE_EVENTS = """
            INSERT INTO premis_events (id, identifier, event_type, date_time, outcome_detail, detail,
                outcome_information, object, agent, intellectual_object_id, generic_file_id, created_at, updated_at,
                outcome, institution_id)
            SELECT ${base_premis_events} + ${object_events} + e.j,
                   gen_random_uuid()::text,
                   e.event_type,
                   e.date_time,
                   CASE WHEN e.event_type = 'fixity check' THEN md5(e.uuid) ELSE e.event_type END,
                   'File event, round ' || e.round,
                   CASE WHEN e.failed THEN 'Fixity did not match' ELSE 'Success' END,
                   e.file_identifier,
                   'https://github.com/APTrust/preservation-services',
                   e.intellectual_object_id, e.id, e.date_time, e.date_time,
                   CASE WHEN e.failed THEN 'Failed' ELSE 'Success' END,
                   e.institution_id
            FROM (SELECT d.*,
                         d.event_type = 'fixity check' AND d.r_fail < 1.0 / 300 AS failed
                  FROM (SELECT j, (j - 1) / ${files} AS round, gf.id, gf.uuid, gf.identifier AS file_identifier,
                               gf.intellectual_object_id, gf.institution_id, r_fail,
                               CASE WHEN r_type < 0.01
                                    THEN (${event_types})[1 + floor(r_type * 100 * cardinality(${event_types}))::int]
                                    ELSE (ARRAY['ingestion', 'fixity check', 'replication',
                                                'message digest calculation', 'fixity check'])[1 + ((j - 1) / ${files}) % 5]
                                    END AS event_type,
                               gf.created_at + ((now() AT TIME ZONE 'UTC') - gf.created_at)
                                   * CASE WHEN (j - 1) / ${files} = 0 THEN 0 ELSE r_when END AS date_time
                        FROM (SELECT j, random() AS r_type, random() AS r_fail, random() AS r_when
                              FROM generate_series(1, ${file_events}) AS j) r
                        JOIN generic_files gf ON gf.id = ${base_generic_files} + (r.j - 1) % ${files} + 1) d) e
            """;

    /**
     * Work items over the objects, round-robin: 60% ingests, then restores, deletions, fixity checks. Most
     * succeeded; the rest are spread over every other status and every stage. Ingests are named bag.tar, the
     * others bag (so open restores and deletions count as pending work for the object).
     */
    private static final String WORK_ITEMS = """
            INSERT INTO work_items (id, created_at, updated_at, intellectual_object_id, generic_file_id, name, etag,
                bucket, "user", note, action, stage, status, outcome, bag_date, date_processed, retry, node, pid,
                needs_admin_review, institution_id, queued_at, size, stage_started_at)
            SELECT ${base_work_items} + w.j,
                   w.created_at,
                   w.created_at + (now() AT TIME ZONE 'UTC' - w.created_at) * w.r_done * 0.01,
                   CASE WHEN w.action = 'Ingest' AND w.status <> 'Success' AND w.r_done < 0.5 THEN NULL ELSE w.oid END,
                   CASE WHEN w.action = 'Restore File' THEN ${base_generic_files} + w.first_file + 1 END,
                   CASE WHEN w.action = 'Ingest' THEN w.bag_name || '.tar' ELSE w.bag_name END,
                   w.etag,
                   'aptrust.receiving.' || w.institution_identifier,
                   'admin@' || w.institution_identifier,
                   w.action || ' ' || w.status,
                   w.action,
                   CASE WHEN w.status = 'Success' THEN
                            CASE w.action WHEN 'Ingest' THEN 'Cleanup' WHEN 'Glacier Restore' THEN 'Available in S3'
                                          WHEN 'Delete' THEN 'Resolve' WHEN 'Fixity Check' THEN 'Resolve'
                                          ELSE 'Cleanup' END
                        WHEN w.status = 'Pending' THEN 'Requested'
                        ELSE (${stages})[1 + floor(w.r_stage * cardinality(${stages}))::int] END,
                   w.status,
                   CASE WHEN w.status = 'Failed' THEN 'Failed: see the logs' ELSE w.status END,
                   w.created_at - interval '1 day',
                   w.created_at + (now() AT TIME ZONE 'UTC' - w.created_at) * w.r_done * 0.01,
                   w.status NOT IN ('Failed', 'Cancelled'),
                   CASE WHEN w.status = 'Started' THEN 'worker-' || (w.j % 7) END,
                   CASE WHEN w.status = 'Started' THEN 1000 + w.j % 30000 ELSE 0 END,
                   w.status = 'Failed' AND w.r_stage < 0.2,
                   w.institution_id,
                   CASE WHEN w.status = 'Pending' AND w.r_stage < 0.1 THEN NULL
                        ELSE w.created_at + interval '5 minutes' END,
                   w.size,
                   CASE WHEN w.status = 'Started' THEN w.created_at + interval '10 minutes' END
            FROM (SELECT r.j, r.r_done, r.r_stage, o.id AS oid, o.bag_name, o.first_file, o.institution_identifier,
                         i.etag, i.size, i.institution_id,
                         CASE WHEN r.r_action < 0.60 THEN o.created_at
                              ELSE o.created_at + (now() AT TIME ZONE 'UTC' - o.created_at) * r.r_done END
                             AS created_at,
                         CASE WHEN r.r_action < 0.60 THEN 'Ingest'
                              WHEN r.r_action < 0.72 THEN 'Restore Object'
                              WHEN r.r_action < 0.80 THEN 'Restore File'
                              WHEN r.r_action < 0.86 THEN 'Glacier Restore'
                              WHEN r.r_action < 0.94 THEN 'Delete'
                              ELSE 'Fixity Check' END AS action,
                         CASE WHEN r.r_status < 0.85 THEN 'Success'
                              WHEN r.r_status < 0.89 THEN 'Failed'
                              WHEN r.r_status < 0.91 THEN 'Cancelled'
                              WHEN r.r_status < 0.95 THEN 'Pending'
                              WHEN r.r_status < 0.98 THEN 'Started'
                              ELSE 'Suspended' END AS status
                  FROM (SELECT j, random() AS r_action, random() AS r_status, random() AS r_stage,
                               random() AS r_done
                        FROM generate_series(1, ${work_items}) AS j) r
                  JOIN seed_objects o ON o.n = (r.j - 1) % ${objects} + 1
                  JOIN intellectual_objects i ON i.id = o.id) w
            """;

    /** One request per thousand objects, for deleted objects, approved by the institution's admin. */
    private static final String DELETION_REQUESTS = """
            INSERT INTO deletion_requests (id, institution_id, requested_by_id, requested_at,
                encrypted_confirmation_token, confirmed_by_id, confirmed_at)
            SELECT ${base_deletion_requests} + k,
                   o.institution_id,
                   ${base_users} + 2 * (o.institution_id - ${base_institutions} - 1) + 1,
                   o.created_at + interval '30 days',
                   '${password_hash}',
                   ${base_users} + 2 * (o.institution_id - ${base_institutions} - 1) + 1,
                   o.created_at + interval '31 days'
            FROM (SELECT row_number() OVER (ORDER BY n) AS k, o.*
                  FROM seed_objects o WHERE o.state = 'D') o
            WHERE o.k <= ${deletion_requests}
            """;

    private static final String DELETION_REQUEST_OBJECTS = """
            INSERT INTO deletion_requests_intellectual_objects (deletion_request_id, intellectual_object_id)
            SELECT ${base_deletion_requests} + o.k, o.id
            FROM (SELECT row_number() OVER (ORDER BY n) AS k, o.id
                  FROM seed_objects o WHERE o.state = 'D') o
            WHERE o.k <= ${deletion_requests}
            """;

    private static final String ALERTS = """
            INSERT INTO alerts (id, institution_id, type, subject, content, created_at)
            SELECT ${base_alerts} + k,
                   ${base_institutions} + 1 + (k % ${institutions}),
                   (ARRAY['Failed Fixity Check', 'Restoration Completed', 'Deletion Completed',
                          'Stalled Work Items'])[1 + k % 4],
                   'Synthetic alert ' || k,
                   'Generated by db seed.',
                   '2014-01-01'::timestamp + (now() AT TIME ZONE 'UTC' - '2014-01-01'::timestamp)
                       * (k::float / ${alerts})
            FROM generate_series(1, ${alerts}) AS k
            """;

    private static final String ALERT_RECIPIENTS = """
            INSERT INTO alerts_users (alert_id, user_id, sent_at, read_at)
            SELECT a.id,
                   ${base_users} + 2 * (a.institution_id - ${base_institutions} - 1) + r,
                   a.created_at + interval '20 seconds',
                   CASE WHEN (a.id + r) % 3 = 0 THEN NULL ELSE a.created_at + interval '1 day' END
            FROM alerts a, generate_series(1, 2) AS r
            WHERE a.id > ${base_alerts}
            """;
}
