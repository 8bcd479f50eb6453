package org.aptrust.registry.api.json;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What a batch create answers, as the original does: how many records were saved, and the saved records. */
@JsonPropertyOrder({"count", "results"})
public record BatchResult<T>(int count, List<T> results) {
    public BatchResult {
        results = List.copyOf(results);
    }
}
