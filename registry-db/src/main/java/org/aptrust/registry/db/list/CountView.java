package org.aptrust.registry.db.list;

import java.util.List;

/**
 * A GROUP BY CUBE count view that can answer a list's total when the filters touch only its dimensions
 * (for example generic_file_counts over institution_id and state). A NULL dimension is the CUBE's "all" row.
 */
public record CountView(String name, List<String> dimensions) {
    public CountView {
        dimensions = List.copyOf(dimensions);
    }
}
