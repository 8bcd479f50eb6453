package org.aptrust.registry.web.pages;

import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.aptrust.registry.web.auth.Viewer;

/**
 * Routes of the original whose feature this Registry does not have, answered at their URLs with their permissions
 * so that links and scripts get a clear page rather than a 404: Authy push (a second factor not offered); and the original's accessibility statement and error page. Each group sits under the root
 * path of the pages it belongs with (Jersey merges resources of one root path; a "/" resource would never be asked
 * for /users/...).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class CompatibilityPages {

    private final Pages pages;

    public CompatibilityPages(Pages pages) {
        this.pages = pages;
    }

    /** The original's accessibility statement, open to everyone. */
    @GET
    @Path("accessibility_statement")
    public SimplePageView accessibility(@Context ContainerRequestContext request) {
        return new SimplePageView("accessibility.mustache", pages.context(request, "Accessibility statement"));
    }

    /** The original's GET /error, open to everyone. */
    @GET
    @Path("error")
    public ConfirmView error(@Context ContainerRequestContext request) {
        return new ConfirmView(pages.context(request, "Something went wrong"), "Something went wrong. Go back and"
                + " try again; if it happens again, tell APTrust (help@aptrust.org) what you were doing.", List.of(),
                List.of(), List.of());
    }

    /** The original's second-factor routes this Registry does not offer. */
    @Path("/users")
    @Produces(MediaType.TEXT_HTML)
    public static class UserRoutes {
        private final Pages pages;

        public UserRoutes(Pages pages) {
            this.pages = pages;
        }

        /** POST /users/2fa_push (Authy push): a 400 page naming the second factors there are. */
        @POST
        @Path("2fa_push")
        public ConfirmView twoFactorPush(@Context ContainerRequestContext request, @Auth Viewer v) {
            throw PageException.badRequest("Authy push notifications are not offered. Sign in with a code from your"
                    + " authenticator app, a backup code, or a code sent by text message (/users/2fa_choose).");
        }
    }
}
