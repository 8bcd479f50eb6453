package org.aptrust.registry.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of every API error. {@code StatusCode} and {@code Error} are the original's names (its clients read
 * them); {@code field} and {@code allowed} say which input was wrong and what would have been accepted.
 */
@JsonPropertyOrder({"StatusCode", "Error", "field", "allowed"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @JsonProperty("StatusCode") int statusCode,
        @JsonProperty("Error") String error,
        @JsonProperty("field") String field,
        @JsonProperty("allowed") String allowed) {
}
