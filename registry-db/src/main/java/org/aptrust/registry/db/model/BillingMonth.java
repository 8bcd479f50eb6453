package org.aptrust.registry.db.model;

import java.time.LocalDate;

/**
 * One month of an institution's bill for one storage option: the snapshot taken on the first of the next month
 * ({@code endDate}), the terabytes stored and those above the free allowance.
 */
public record BillingMonth(
        int institutionId,
        String institutionName,
        String storageOption,
        LocalDate endDate,
        String monthAndYear,
        double totalTb,
        double overageTb,
        double monthlyCost) {
}
