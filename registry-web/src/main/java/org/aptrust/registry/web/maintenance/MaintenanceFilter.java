package org.aptrust.registry.web.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * In maintenance mode, on the application port: the JSON API answers 503 in its error shape with Retry-After, and
 * every page but {@code /} (load balancers' health checks) and {@code /maintenance} redirects to the maintenance
 * page. The page's stylesheets and scripts under {@code /assets/} still load. The admin port has no such filter.
 */
public class MaintenanceFilter implements Filter {

    /** The API's error text in maintenance mode (the original's words on its maintenance page). */
    public static final String API_ERROR = "APTrust Registry is currently undergoing maintenance.";

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 60;

    private final MaintenanceMode mode;

    public MaintenanceFilter(MaintenanceMode mode) {
        this.mode = mode;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest q && res instanceof HttpServletResponse r && stopped(q.getRequestURI())
                && mode.isOn()) {
            String path = q.getRequestURI();
            if (path.startsWith("/member-api/") || path.startsWith("/admin-api/")) {
                r.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                r.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                r.setContentType("application/json");
                r.setCharacterEncoding("UTF-8");
                byte[] body = ("{\"StatusCode\":503,\"Error\":\"" + API_ERROR + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                r.setContentLength(body.length);
                r.getOutputStream().write(body);
            } else {
                r.setStatus(HttpServletResponse.SC_FOUND);
                r.setHeader("Location", "/maintenance");
                r.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            }
            return;
        }
        chain.doFilter(req, res);
    }

    /** Paths maintenance mode stops: the switch is only read for these. */
    private static boolean stopped(String path) {
        return !(path.equals("/") || path.equals("/maintenance") || path.startsWith("/assets/"));
    }
}
