package org.aptrust.registry.api.auth;

import java.util.Optional;

import io.dropwizard.auth.Authenticator;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.json.ApiErrors;

/**
 * The API's {@link Authenticator}: key headers are checked by {@link ApiKeyAuthenticator} (cache, throttle,
 * bcrypt), a browser session by the web module's {@link SessionCallers}. A refused key ends the request at once with
 * the API's JSON error (a {@link WebApplicationException} with its answer: 401 with {@code WWW-Authenticate}, 403, or
 * 429 with {@code Retry-After}); an unusable session is empty, and the caller's key headers are checked next.
 */
public final class ApiAuthenticator implements Authenticator<ApiCredentials, ApiCaller> {

    private final ApiKeyAuthenticator keys;
    private final SessionCallers sessions;

    public ApiAuthenticator(ApiKeyAuthenticator keys, SessionCallers sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    @Override
    public Optional<ApiCaller> authenticate(ApiCredentials credentials) {
        if (credentials instanceof ApiCredentials.BrowserSession s) {
            return sessions.caller(s.request());
        }
        ApiCredentials.KeyHeaders k = (ApiCredentials.KeyHeaders) credentials;
        ApiKeyAuthenticator.Outcome outcome = keys.authenticate(k.email(), k.key(), k.clientAddress());
        if (outcome instanceof ApiKeyAuthenticator.Accepted a) {
            return Optional.of(a.caller());
        }
        if (outcome instanceof ApiKeyAuthenticator.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().plusMillis(999).toSeconds());
            throw new WebApplicationException(Response.fromResponse(ApiErrors.response(429,
                    "too many failed API-key checks for this user or from this address; try again in " + seconds
                            + " s", null, null)).header(HttpHeaders.RETRY_AFTER, seconds).build());
        }
        ApiKeyAuthenticator.Refused refused = (ApiKeyAuthenticator.Refused) outcome;
        Response response = ApiErrors.response(refused.status(), refused.message(), null, null);
        if (refused.status() == 401) {
            response = Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Pharos-API-Key realm=\"registry\"").build();
        }
        throw new WebApplicationException(response);
    }
}
