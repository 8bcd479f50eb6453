package org.aptrust.registry.db.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * The statistics computed the straightforward way, by GROUP BY over the base tables (what the original's views and
 * functions did), as sorted text rows, and the same rows read from our views and tables, for comparison.
 */
public final class Recomputed {

    private Recomputed() {
    }

    public static List<String> rows(Handle h, String sql) {
        return h.createQuery(sql).map((rs, ctx) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            return sb.toString();
        }).list().stream().sorted().toList();
    }

    public static final String EVENT_COUNTS = "SELECT institution_id, count(*), event_type, outcome FROM premis_events"
            + " GROUP BY CUBE (institution_id, event_type, outcome)";
    public static final String EVENT_COUNTS_VIEW = "SELECT institution_id, row_count, event_type, outcome"
            + " FROM premis_event_counts";
    public static final String OBJECT_COUNTS = "SELECT institution_id, count(*), state FROM intellectual_objects"
            + " GROUP BY CUBE (institution_id, state)";
    public static final String OBJECT_COUNTS_VIEW = "SELECT institution_id, row_count, state FROM intellectual_object_counts";
    public static final String FILE_COUNTS = "SELECT institution_id, count(*), state FROM generic_files"
            + " GROUP BY CUBE (institution_id, state)";
    public static final String FILE_COUNTS_VIEW = "SELECT institution_id, row_count, state FROM generic_file_counts";
    public static final String ITEM_COUNTS = "SELECT institution_id, count(*), action FROM work_items"
            + " GROUP BY CUBE (institution_id, action)";
    public static final String ITEM_COUNTS_VIEW = "SELECT institution_id, row_count, action FROM work_item_counts";

    private static final String DEPOSIT_COLUMNS = "institution_id, institution_name, storage_option, file_count,"
            + " object_count, total_bytes, round(total_gb::numeric, 6), round(total_tb::numeric, 9),"
            + " round(cost_gb_per_month::numeric, 8), round(monthly_cost::numeric, 6), member_institution_id,"
            + " primary_sort, secondary_sort";

    /** The original's aggregation of active files, as of a time (end_at: a SQL expression, one row per value). */
    private static String depositsAsOf(String times) {
        return "WITH times AS (" + times + "), totals AS ("
                + " SELECT t.end_at, gf.institution_id, gf.storage_option,"
                + "  GROUPING(gf.institution_id) = 1 AS all_institutions, GROUPING(gf.storage_option) = 1 AS all_options,"
                + "  count(*) AS file_count, count(DISTINCT gf.intellectual_object_id) AS object_count,"
                + "  coalesce(sum(gf.size), 0)::bigint AS total_bytes"
                + " FROM times t JOIN generic_files gf ON gf.state = 'A' AND gf.created_at < t.end_at"
                + " GROUP BY t.end_at, CUBE (gf.institution_id, gf.storage_option)),"
                + " priced AS (SELECT t.*, t.total_bytes / 1073741824.0::double precision AS total_gb,"
                + "  so.cost_gb_per_month::double precision AS price"
                + "  FROM totals t LEFT JOIN storage_options so ON so.name = t.storage_option)"
                + " SELECT p.end_at, p.institution_id,"
                + "  CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END AS institution_name,"
                + "  CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END AS storage_option,"
                + "  p.file_count, p.object_count, p.total_bytes, p.total_gb,"
                + "  p.total_bytes / 1099511627776.0::double precision AS total_tb,"
                + "  coalesce(p.price, 0) AS cost_gb_per_month,"
                + "  coalesce(CASE WHEN p.all_options THEN sum(p.total_gb * p.price)"
                + "   OVER (PARTITION BY p.end_at, p.institution_id) ELSE p.total_gb * p.price END, 0) AS monthly_cost,"
                + "  i.member_institution_id,"
                + "  CASE WHEN p.all_institutions THEN 'zzz' ELSE i.name END AS primary_sort,"
                + "  CASE WHEN p.all_options THEN 'zzz' ELSE p.storage_option END AS secondary_sort"
                + " FROM priced p LEFT JOIN institutions i ON i.id = p.institution_id";
    }

    public static final String CURRENT_DEPOSITS = "SELECT " + DEPOSIT_COLUMNS + " FROM ("
            + depositsAsOf("SELECT 'infinity'::timestamp AS end_at") + ") r";
    public static final String CURRENT_DEPOSITS_VIEW = "SELECT " + DEPOSIT_COLUMNS + " FROM current_deposit_stats";

    /** Every month row with deposits, recomputed as of that month's first day. */
    public static final String HISTORY = "SELECT end_at::date AS end_date, " + DEPOSIT_COLUMNS + " FROM ("
            + depositsAsOf("SELECT m AS end_at FROM generate_series(timestamp '2014-01-01',"
            + " now() AT TIME ZONE 'UTC', interval '1 month') m WHERE m < now() AT TIME ZONE 'UTC'") + ") r";
    public static final String HISTORY_TABLE = "SELECT end_date, " + DEPOSIT_COLUMNS + " FROM historical_deposit_stats"
            + " WHERE file_count > 0";

    /** Inserts, state changes, moves and deletes across files, objects, events and work items. */
    public static void changeTheData(Handle h) {
        h.execute("INSERT INTO intellectual_objects (id, identifier, bag_name, institution_id, created_at, updated_at,"
                + " state, storage_option, access) VALUES (100, 'test.edu/new_bag', 'new_bag', 4, '2026-10-02',"
                + " '2026-10-02', 'A', 'Wasabi-OR', 'consortia')");
        h.execute("INSERT INTO generic_files (identifier, size, intellectual_object_id, institution_id, created_at,"
                + " updated_at, state, storage_option, uuid, file_format)"
                + " SELECT 'test.edu/new_bag/data/f' || g, g * 1000, 100, 4, timestamp '2026-10-02' + g * interval '1 hour',"
                + " now(), 'A', 'Wasabi-OR', gen_random_uuid()::text, 'text/plain' FROM generate_series(1, 25) g");
        // a file back-dated into an existing object's past (object 1, created 2016)
        h.execute("INSERT INTO generic_files (identifier, size, intellectual_object_id, institution_id, created_at,"
                + " updated_at, state, storage_option, uuid) VALUES ('institution1.edu/photo_collection_2016/data/late.jpg',"
                + " 777, 1, 2, '2015-06-01', now(), 'A', 'Standard', gen_random_uuid()::text)");
        h.execute("UPDATE generic_files SET state = 'D' WHERE id IN (1, 2, 3, 50)");
        h.execute("UPDATE generic_files SET last_fixity_check = now() WHERE institution_id = 3");
        h.execute("UPDATE generic_files SET size = size + 1 WHERE id = 41");
        h.execute("DELETE FROM checksums WHERE generic_file_id = 10");
        h.execute("DELETE FROM storage_records WHERE generic_file_id = 10");
        h.execute("DELETE FROM generic_files WHERE id = 10");
        h.execute("UPDATE intellectual_objects SET state = 'D' WHERE id = 5");
        h.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id,"
                + " intellectual_object_id, generic_file_id, created_at, updated_at)"
                + " SELECT gen_random_uuid()::text, CASE WHEN g % 3 = 0 THEN 'fixity check' ELSE 'ingestion' END,"
                + " timestamp '2026-10-02' + g * interval '1 hour', CASE WHEN g % 7 = 0 THEN 'Failed' ELSE 'Success' END,"
                + " 4, 100, NULL, now(), now() FROM generate_series(1, 40) g");
        h.execute("UPDATE work_items SET status = 'Success', action = 'Restore Object' WHERE id = 17");
        h.execute("DELETE FROM work_items WHERE id = 16");
    }

    /** The four count views and current_deposit_stats equal their recomputation from the base tables. */
    public static void assertEverythingEqualsRecomputation(Handle h) {
        assertThat(rows(h, EVENT_COUNTS_VIEW)).isEqualTo(rows(h, EVENT_COUNTS));
        assertThat(rows(h, OBJECT_COUNTS_VIEW)).isEqualTo(rows(h, OBJECT_COUNTS));
        assertThat(rows(h, FILE_COUNTS_VIEW)).isEqualTo(rows(h, FILE_COUNTS));
        assertThat(rows(h, ITEM_COUNTS_VIEW)).isEqualTo(rows(h, ITEM_COUNTS));
        assertThat(rows(h, CURRENT_DEPOSITS_VIEW)).isEqualTo(rows(h, CURRENT_DEPOSITS));
    }

}
