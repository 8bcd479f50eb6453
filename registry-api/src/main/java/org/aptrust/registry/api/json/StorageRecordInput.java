package org.aptrust.registry.api.json;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A storage record (one preservation copy's URL) as clients send it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageRecordInput(Long id, Integer genericFileId, String url) {

    /** Checks the URL: an absolute http(s) address of the copy. */
    public void validate(InputValidation v, String prefix) {
        if (v.required(prefix + "url", url)) {
            v.check(isHttpUrl(url), prefix + "url", "'" + url + "' is not an absolute http(s) URL",
                    "an absolute URL such as https://s3.amazonaws.com/bucket/uuid");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI u = new URI(value.strip());
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isBlank();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
