package org.aptrust.registry.web.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.auth.WebSession;

/** What every page resource needs from the request: the signed-in user and the layout's context. */
public final class Pages {

    private final WebAuth auth;

    public Pages(WebAuth auth) {
        this.auth = auth;
    }

    public WebAuth auth() {
        return auth;
    }

    public SessionCookies cookies() {
        return auth.cookies();
    }

    /** The signed-in user; anyone else is sent to the sign-in page. */
    public Viewer viewer(ContainerRequestContext request) {
        return auth.require(request);
    }

    /** The signed-in admin; other users get 403. */
    public Viewer admin(ContainerRequestContext request) {
        Viewer v = viewer(request);
        if (!v.isAdmin()) {
            throw PageException.forbidden();
        }
        return v;
    }

    public PageContext context(ContainerRequestContext request, String title) {
        return context(request, title, auth.viewer(request).orElse(null));
    }

    public PageContext context(ContainerRequestContext request, String title, Viewer viewer) {
        return PageContext.of(title, viewer, csrfToken(request), "/" + request.getUriInfo().getPath());
    }

    /** A masked CSRF token for the request's session (fresh on every call). */
    public String csrfToken(ContainerRequestContext request) {
        WebSession s = WebAuth.session(request);
        return s == null ? "" : cookies().codec().maskedCsrfToken(s);
    }

    /** The error page, with the layout of whoever is signed in. */
    public Response error(ContainerRequestContext request, int status, String message) {
        PageContext page = context(request, ErrorView.titleFor(status));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(new ErrorView(page, status, message == null ? ErrorView.defaultMessage(status) : message))
                .build();
    }
}
