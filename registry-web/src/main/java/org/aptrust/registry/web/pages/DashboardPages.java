package org.aptrust.registry.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.aptrust.registry.web.auth.Viewer;

/** GET /dashboard: the first page after sign-in. */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    private final Pages pages;

    public DashboardPages(Pages pages) {
        this.pages = pages;
    }

    @GET
    public DashboardView dashboard(@Context ContainerRequestContext request) {
        Viewer v = pages.viewer(request);
        return new DashboardView(pages.context(request, "Dashboard", v));
    }
}
