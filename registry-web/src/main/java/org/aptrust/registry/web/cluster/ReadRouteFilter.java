package org.aptrust.registry.web.cluster;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides, per request, whether its reads may go to a replica:
 * <ul>
 *   <li>only GET and HEAD of the list pages, detail pages, reports, the dashboard and the member API
 *       ({@link #ELIGIBLE}); forms, account pages, the admin API and everything else read from the primary;</li>
 *   <li>read-your-writes: any other method (a write) sets the cookie {@value #COOKIE}, holding the time until
 *       which this client's reads stay on the primary ({@code database.readYourWritesFor}); a request carrying a
 *       cookie that has not run out, or the header {@value #HEADER}, reads from the primary.</li>
 * </ul>
 */
public final class ReadRouteFilter implements Filter {

    public static final String COOKIE = "registry_primary_until";
    public static final String HEADER = "X-Registry-Read-Primary";

    private static final Set<String> READS = Set.of("GET", "HEAD");
    /** Lists (with their CSV downloads), detail pages (not /alerts/show: viewing marks the alert read), reports. */
    static final Pattern ELIGIBLE = Pattern.compile("^/(?:member-api/v3/.*"
            + "|dashboard"
            + "|(?:objects|files|events|work_items|alerts|deletions|institutions|users)/?"
            + "|(?:objects|files|events|work_items|deletions|institutions|users)/show/[^/]+(?:/[^/]+)?"
            + "|reports/(?:deposits|billing)/?)$");

    private final Duration readYourWrites;
    private final boolean secureCookie;
    private final Clock clock;

    public ReadRouteFilter(Duration readYourWrites, boolean secureCookie, Clock clock) {
        this.readYourWrites = readYourWrites;
        this.secureCookie = secureCookie;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (!READS.contains(request.getMethod())) {
            boolean write = !"OPTIONS".equals(request.getMethod());
            if (write) {
                markWriter(response);
            }
            chain.doFilter(req, res);
            if (write && !response.isCommitted()) {
                markWriter(response); // again from the end of a long write, when the answer is not sent yet
            }
            return;
        }
        if (!mayReadReplica(request)) {
            chain.doFilter(req, res);
            return;
        }
        ReadRoute.allowReplica();
        try {
            chain.doFilter(req, res);
        } finally {
            ReadRoute.clear();
        }
    }

    boolean mayReadReplica(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path == null || !ELIGIBLE.matcher(path).matches()) {
            return false;
        }
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank() && !"false".equalsIgnoreCase(header.strip())
                && !"0".equals(header.strip())) {
            return false;
        }
        return !wroteRecently(request.getCookies());
    }

    private boolean wroteRecently(Cookie[] cookies) {
        if (cookies == null) {
            return false;
        }
        long now = clock.millis() / 1000;
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                try {
                    if (Long.parseLong(c.getValue()) > now) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    return true; // a mangled marker: the primary is always right
                }
            }
        }
        return false;
    }

    /** Set before the request runs, so it goes out whatever the response: counted from the request's start. */
    private void markWriter(HttpServletResponse response) {
        long seconds = Math.max(1, readYourWrites.toSeconds());
        long until = clock.millis() / 1000 + seconds;
        response.addHeader("Set-Cookie", COOKIE + "=" + until + "; Max-Age=" + seconds + "; Path=/; HttpOnly;"
                + " SameSite=Lax" + (secureCookie ? "; Secure" : ""));
    }
}
