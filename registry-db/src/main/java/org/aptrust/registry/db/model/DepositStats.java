package org.aptrust.registry.db.model;

import java.time.LocalDate;

/**
 * One row of current_deposit_stats or historical_deposit_stats: an institution (null: "All Institutions") and a
 * storage option ("Total": every option) at a date, with its counts, size and monthly cost.
 */
public record DepositStats(
        Integer institutionId,
        Integer memberInstitutionId,
        String institutionName,
        String storageOption,
        long objectCount,
        long fileCount,
        long totalBytes,
        double totalGb,
        double totalTb,
        double costGbPerMonth,
        double monthlyCost,
        LocalDate endDate) {

    public boolean isAllInstitutions() {
        return institutionId == null;
    }

    public boolean isTotal() {
        return "Total".equals(storageOption);
    }
}
