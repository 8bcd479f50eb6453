package org.aptrust.registry.db.dao;

import java.time.LocalDate;
import java.util.List;

import org.aptrust.registry.db.model.BillingMonth;
import org.aptrust.registry.db.model.DepositStats;
import org.aptrust.registry.db.model.FileFormatTotal;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The deposit reports (reference §3.2): current and historical deposit statistics by institution and storage
 * option, an institution's deposits over time, monthly billing, and the format breakdown of active files. Reads
 * current_deposit_stats and historical_deposit_stats, which the statistics jobs keep filled.
 *
 * <p>An institution filter includes its sub-accounts (member_institution_id), as the original's did; a null
 * institution means every institution.
 */
@RegisterConstructorMapper(DepositStats.class)
@RegisterConstructorMapper(BillingMonth.class)
@RegisterConstructorMapper(FileFormatTotal.class)
public interface DepositReportDao {

    /** The free allowance per institution: storage above it is billed as overage. */
    double FREE_TB = 10.0;

    String COLUMNS = "institution_id::integer AS institution_id, member_institution_id::integer"
            + " AS member_institution_id, institution_name, storage_option, coalesce(object_count, 0) AS object_count,"
            + " coalesce(file_count, 0) AS file_count, coalesce(total_bytes, 0) AS total_bytes,"
            + " coalesce(total_gb, 0) AS total_gb, coalesce(total_tb, 0) AS total_tb,"
            + " coalesce(cost_gb_per_month, 0) AS cost_gb_per_month, coalesce(monthly_cost, 0) AS monthly_cost,"
            + " end_date::date AS end_date";

    String WHO = " (CAST(:inst AS integer) IS NULL OR institution_id = :inst OR member_institution_id = :inst)"
            + " AND (CAST(:option AS text) IS NULL OR storage_option = :option)";

    /** Deposits now, by institution and storage option (the 'All Institutions' and 'Total' rows included). */
    @SqlQuery("SELECT " + COLUMNS + " FROM current_deposit_stats WHERE" + WHO
            + " ORDER BY primary_sort, secondary_sort")
    List<DepositStats> current(@Bind("inst") Integer institutionId, @Bind("option") String storageOption);

    /** Deposits as of a first of the month, from the monthly snapshots. */
    @SqlQuery("SELECT " + COLUMNS + " FROM historical_deposit_stats WHERE end_date = :date AND" + WHO
            + " ORDER BY primary_sort, secondary_sort")
    List<DepositStats> asOf(@Bind("date") LocalDate endDate, @Bind("inst") Integer institutionId,
                            @Bind("option") String storageOption);

    /** The dates that have snapshots, newest first (the report's date picker). */
    @SqlQuery("SELECT DISTINCT end_date::date FROM historical_deposit_stats ORDER BY 1 DESC")
    List<LocalDate> snapshotDates();

    /**
     * One institution's (null: All Institutions') deposits in one storage option month by month, from start to
     * end inclusive. Sub-accounts are not added in: each has its own series.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM historical_deposit_stats"
            + " WHERE (institution_id = :inst OR (CAST(:inst AS integer) IS NULL AND institution_id IS NULL))"
            + " AND storage_option = :option AND end_date BETWEEN :start AND :end ORDER BY end_date")
    List<DepositStats> overTime(@Bind("inst") Integer institutionId, @Bind("option") String storageOption,
                                @Bind("start") LocalDate start, @Bind("end") LocalDate end);

    /**
     * An institution's (null: every institution's) monthly bill between two dates (start exclusive, end inclusive), per storage option, with
     * the terabytes above the free allowance.
     */
    @SqlQuery("SELECT institution_id::integer AS institution_id, institution_name, storage_option,"
            + " end_date::date AS end_date,"
            + " to_char(end_date - interval '1 day', 'FMMonth YYYY') AS month_and_year,"
            + " coalesce(total_tb, 0) AS total_tb, greatest(coalesce(total_tb, 0) - " + FREE_TB + ", 0) AS overage_tb,"
            + " coalesce(monthly_cost, 0) AS monthly_cost"
            + " FROM historical_deposit_stats WHERE institution_id IS NOT NULL"
            + " AND (CAST(:inst AS integer) IS NULL OR institution_id = :inst) AND end_date > :start AND end_date <= :end"
            + " AND (CAST(:option AS text) IS NULL OR storage_option = :option)"
            + " AND storage_option <> 'Total' AND total_tb > 0 ORDER BY end_date, institution_name, storage_option")
    List<BillingMonth> billing(@Bind("inst") Integer institutionId, @Bind("start") LocalDate start,
                               @Bind("end") LocalDate end, @Bind("option") String storageOption);

    /** Active files by format for one institution (null: everyone's), largest first. */
    @SqlQuery("SELECT gf.file_format, count(*) AS file_count, coalesce(sum(gf.size), 0) AS total_bytes"
            + " FROM generic_files gf WHERE gf.state = 'A'"
            + " AND (CAST(:inst AS integer) IS NULL OR gf.institution_id = :inst)"
            + " GROUP BY gf.file_format ORDER BY total_bytes DESC, gf.file_format")
    List<FileFormatTotal> formats(@Bind("inst") Integer institutionId);
}
