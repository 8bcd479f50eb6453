package org.aptrust.registry.db.list;

import java.util.List;

/**
 * One page of a list and the total number of matching rows.
 *
 * @param exact false when the total is an estimate (the exact count took too long)
 */
public record Page<T>(List<T> results, long total, boolean exact, int page, int perPage) {

    public Page {
        results = List.copyOf(results);
    }

    public boolean hasNext() {
        return (long) page * perPage < total;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public long lastPage() {
        return Math.max(1, (total + perPage - 1) / perPage);
    }
}
