package org.aptrust.registry.web.auth;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Security headers on every response of the application port. Scripts, styles and images come only from this
 * origin (Chart.js is served from the jar, chart data travels as JSON in the page), nothing may frame the pages,
 * and pages are never cached; the static assets may be.
 */
public class SecurityHeadersFilter implements Filter {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final boolean https;

    public SecurityHeadersFilter(boolean https) {
        this.https = https;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (res instanceof HttpServletResponse r && req instanceof HttpServletRequest q) {
            r.setHeader("Content-Security-Policy", CSP);
            r.setHeader("X-Content-Type-Options", "nosniff");
            r.setHeader("X-Frame-Options", "DENY");
            r.setHeader("Referrer-Policy", "same-origin");
            if (https) {
                r.setHeader("Strict-Transport-Security", "max-age=31536000");
            }
            String path = q.getRequestURI();
            if (path.startsWith("/assets/") || path.startsWith("/webjars/")) {
                r.setHeader("Cache-Control", "public, max-age=3600");
            } else {
                r.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
                r.setHeader("Pragma", "no-cache");
            }
        }
        chain.doFilter(req, res);
    }
}
