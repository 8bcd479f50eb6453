package org.aptrust.registry.web.pages;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;

/**
 * Sign in and sign out at the original's URLs. (Rooted at /users like {@link UserPages}: JAX-RS picks the root
 * resource by the longest matching path first, and Jersey merges resources with the same root.)
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class SessionPages {

    /** The only thing a failed sign-in says: it never tells an unknown email from a wrong password. */
    public static final String REFUSED = "Invalid email or password.";

    private final Pages pages;

    public SessionPages(Pages pages) {
        this.pages = pages;
    }

    @GET
    @Path("sign_in")
    public Response signInForm(@Context ContainerRequestContext request, @Auth Optional<Viewer> viewer,
                               @QueryParam("next") String next) {
        if (viewer.isPresent()) {
            return Response.seeOther(URI.create(safeNext(next))).build();
        }
        return Response.ok(new SignInView(pages.context(request, "Sign in", null), "", safeNext(next), null))
                .build();
    }

    @POST
    @Path("sign_in")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@Context ContainerRequestContext request, @Context HttpServletRequest servlet,
                           @FormParam("email") String email, @FormParam("password") String password,
                           @FormParam("next") String next) {
        WebAuth.SignInResult result = pages.auth().signIn(email, password, servlet.getRemoteAddr(),
                request.getHeaderString(HttpHeaders.USER_AGENT));
        if (result instanceof WebAuth.SignInResult.Success ok) {
            Response.ResponseBuilder b = Response.seeOther(URI.create(ok.awaitingSecondFactor() ? "/users/2fa_choose"
                    : safeNext(next))).header(HttpHeaders.SET_COOKIE, pages.cookies().issue(ok.session()));
            if (ok.awaitingSecondFactor() && !safeNext(next).equals(DEFAULT_NEXT)) {
                // the second factor's pages send the user on there once the code is verified
                b.header(HttpHeaders.SET_COOKIE, pages.cookies().returnTo(safeNext(next)));
            }
            return b.build();
        }
        int status;
        String message;
        if (result instanceof WebAuth.SignInResult.Throttled t) {
            status = 429;
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            message = "Too many failed sign-in attempts. Wait " + seconds + " second" + (seconds == 1 ? "" : "s")
                    + " and try again.";
        } else {
            status = 401;
            message = REFUSED;
        }
        SignInView view = new SignInView(pages.context(request, "Sign in", null), email == null ? "" : email,
                safeNext(next), message);
        Response.ResponseBuilder b = Response.status(status).entity(view);
        if (result instanceof WebAuth.SignInResult.Throttled t) {
            b.header(HttpHeaders.RETRY_AFTER, Math.max(1, t.retryAfter().plus(Duration.ofMillis(999)).toSeconds()));
        }
        return b.build();
    }

    /** Old links and bookmarks point here with GET: ask, then sign out with a CSRF-protected POST. */
    @GET
    @Path("sign_out")
    public Response signOutForm(@Context ContainerRequestContext request, @Auth Optional<Viewer> viewer) {
        if (viewer.isEmpty()) {
            return Response.seeOther(URI.create("/users/sign_in")).build();
        }
        return Response.ok(new SimplePageView("sign_out.mustache", pages.context(request, "Sign out"))).build();
    }

    @POST
    @Path("sign_out")
    public Response signOut(@Context ContainerRequestContext request) {
        pages.auth().signOut(request);
        return Response.seeOther(URI.create("/users/sign_in"))
                .header(HttpHeaders.SET_COOKIE, pages.cookies().expire()).build();
    }

    /** Ends every session of the signed-in user, in every browser, this one included. */
    @POST
    @Path("sign_out_everywhere")
    public Response signOutEverywhere(@Context ContainerRequestContext request, @Auth Viewer v) {
        pages.auth().signOutEverywhere(v.id());
        return Response.seeOther(URI.create("/users/sign_in"))
                .header(HttpHeaders.SET_COOKIE, pages.cookies().expire()).build();
    }

    static final String DEFAULT_NEXT = "/dashboard";

    /**
     * Only a path on this site: never an absolute or protocol-relative URL (no open redirect), no control
     * characters, nothing a URI cannot hold (then the dashboard rather than an error), not the sign-in pages.
     */
    public static String safeNext(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.startsWith("/users/sign_")) {
            return DEFAULT_NEXT;
        }
        for (char c : next.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return DEFAULT_NEXT;
            }
        }
        try {
            URI u = new URI(next);
            if (u.isAbsolute() || u.getRawAuthority() != null || u.getRawPath() == null
                    || !u.getRawPath().startsWith("/")) {
                return DEFAULT_NEXT;
            }
        } catch (java.net.URISyntaxException e) {
            return DEFAULT_NEXT;
        }
        return next;
    }
}
