package org.aptrust.registry.db.stats;

import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * The statistics computed the straightforward way, by GROUP BY over the base tables (what the original's views and
 * functions did), as sorted text rows, and the same rows read from our views and tables, for comparison.
 */
final class Recomputed {

    private Recomputed() {
    }

    static List<String> rows(Handle h, String sql) {
        return h.createQuery(sql).map((rs, ctx) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            return sb.toString();
        }).list().stream().sorted().toList();
    }

    static final String EVENT_COUNTS = "SELECT institution_id, count(*), event_type, outcome FROM premis_events"
            + " GROUP BY CUBE (institution_id, event_type, outcome)";
    static final String EVENT_COUNTS_VIEW = "SELECT institution_id, row_count, event_type, outcome"
            + " FROM premis_event_counts";
    static final String OBJECT_COUNTS = "SELECT institution_id, count(*), state FROM intellectual_objects"
            + " GROUP BY CUBE (institution_id, state)";
    static final String OBJECT_COUNTS_VIEW = "SELECT institution_id, row_count, state FROM intellectual_object_counts";
    static final String FILE_COUNTS = "SELECT institution_id, count(*), state FROM generic_files"
            + " GROUP BY CUBE (institution_id, state)";
    static final String FILE_COUNTS_VIEW = "SELECT institution_id, row_count, state FROM generic_file_counts";
    static final String ITEM_COUNTS = "SELECT institution_id, count(*), action FROM work_items"
            + " GROUP BY CUBE (institution_id, action)";
    static final String ITEM_COUNTS_VIEW = "SELECT institution_id, row_count, action FROM work_item_counts";

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

    static final String CURRENT_DEPOSITS = "SELECT " + DEPOSIT_COLUMNS + " FROM ("
            + depositsAsOf("SELECT 'infinity'::timestamp AS end_at") + ") r";
    static final String CURRENT_DEPOSITS_VIEW = "SELECT " + DEPOSIT_COLUMNS + " FROM current_deposit_stats";

    /** Every month row with deposits, recomputed as of that month's first day. */
    static final String HISTORY = "SELECT end_at::date AS end_date, " + DEPOSIT_COLUMNS + " FROM ("
            + depositsAsOf("SELECT m AS end_at FROM generate_series(timestamp '2014-01-01',"
            + " now() AT TIME ZONE 'UTC', interval '1 month') m WHERE m < now() AT TIME ZONE 'UTC'") + ") r";
    static final String HISTORY_TABLE = "SELECT end_date, " + DEPOSIT_COLUMNS + " FROM historical_deposit_stats"
            + " WHERE file_count > 0";
}
