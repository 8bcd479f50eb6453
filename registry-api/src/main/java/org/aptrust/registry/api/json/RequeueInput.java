package org.aptrust.registry.api.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The body of PUT /items/requeue/:id when it is sent as JSON instead of the original's form. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequeueInput(String stage) {
}
