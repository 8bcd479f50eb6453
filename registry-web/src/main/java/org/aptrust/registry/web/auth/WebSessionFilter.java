package org.aptrust.registry.web.auth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Every web request: reads the signed session cookie (issuing an anonymous session when there is none, so even
 * the sign-in form carries a CSRF token), and refuses any state-changing request (every method but GET, HEAD,
 * OPTIONS and TRACE) that does not carry the session's CSRF token in the {@code csrf_token} form field or the
 * {@code X-CSRF-Token} header, or that comes from another origin.
 *
 * <p>The JSON API under /member-api/ and /admin-api/ is left alone: it authenticates by API-key headers only,
 * never by cookie, so a forged cross-site request has no credentials to ride on. The admin port is a separate
 * servlet context this filter never sees.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class WebSessionFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String FORM_FIELD = "csrf_token";
    public static final String HEADER = "X-CSRF-Token";
    private static final String SET_COOKIE_PROPERTY = "registry.web.set-cookie";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<String> API_PREFIXES = List.of("member-api/", "admin-api/");

    private final SessionCookies cookies;
    private final Clock clock;
    private final Function<String, Response> refusal;

    /**
     * @param refusal builds the 403 answer (an HTML page) from a message
     */
    public WebSessionFilter(SessionCookies cookies, Clock clock, Function<String, Response> refusal) {
        this.cookies = cookies;
        this.clock = clock;
        this.refusal = refusal;
    }

    public static boolean isApiPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return API_PREFIXES.stream().anyMatch(prefix -> p.startsWith(prefix) || (p + "/").equals(prefix));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isApiPath(request.getUriInfo().getPath())) {
            return;
        }
        Cookie c = request.getCookies().get(SessionCookies.NAME);
        Optional<WebSession> decoded = c == null ? Optional.empty()
                : cookies.codec().decode(c.getValue(), clock.instant());
        WebSession session = decoded.orElseGet(() -> WebSession.anonymous(clock.instant()));
        if (decoded.isEmpty()) {
            request.setProperty(SET_COOKIE_PROPERTY, cookies.issue(session));
        }
        request.setProperty(WebSession.PROPERTY, session);

        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        if (!sameOrigin(request)) {
            request.abortWith(refusal.apply("This form was sent from another site, so it was refused."));
            return;
        }
        String token = request.getHeaderString(HEADER);
        if (token == null) {
            token = formToken(request);
        }
        if (decoded.isEmpty() || !cookies.codec().checkCsrfToken(session, token)) {
            request.abortWith(refusal.apply("The form had expired or did not come from this site. Please reload the"
                    + " page and try again."));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object setCookie = request.getProperty(SET_COOKIE_PROPERTY);
        if (setCookie == null) {
            return;
        }
        List<Object> existing = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        boolean resourceSetOne = existing != null && existing.stream()
                .anyMatch(h -> String.valueOf(h).startsWith(SessionCookies.NAME + "="));
        if (!resourceSetOne) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, setCookie);
        }
    }

    private static String formToken(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)
                || !(request instanceof ContainerRequest cr)) {
            return null;
        }
        cr.bufferEntity(); // the resource reads the form again
        Form form = cr.readEntity(Form.class);
        List<String> values = form == null ? null : form.asMap().get(FORM_FIELD);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * An Origin (or, without one, a Referer) naming another host than the one addressed is refused. Browsers send
     * Origin on every cross-site POST, so this catches forgeries even before the token check.
     */
    private static boolean sameOrigin(ContainerRequestContext request) {
        String source = request.getHeaderString("Origin");
        if (source == null || source.isBlank()) {
            source = request.getHeaderString("Referer");
        }
        if (source == null || source.isBlank()) {
            return true;
        }
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null) {
            host = request.getUriInfo().getBaseUri().getAuthority();
        }
        try {
            URI u = URI.create(source.strip());
            return u.getRawAuthority() != null && u.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
