package org.aptrust.registry.api.json;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A page of a list as the original's API sends it: the total, the path and query of the next and previous pages
 * ("" at either end) and the rows.
 */
@JsonPropertyOrder({"count", "next", "previous", "results"})
public record ListEnvelope<T>(long count, String next, String previous, List<T> results) {

    public ListEnvelope {
        results = List.copyOf(results);
    }

    /** The same page with each row turned into another representation. */
    public <R> ListEnvelope<R> map(Function<T, R> f) {
        return new ListEnvelope<>(count, next, previous, results.stream().map(f).toList());
    }
}
