package org.aptrust.registry.web.auth;

import java.net.URI;
import java.util.List;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * dropwizard-auth's filter for the pages (methods with an {@code @Auth Viewer} parameter): the session the
 * {@link WebSessionFilter} decoded becomes a {@link Viewer} through its server-side row ({@link WebAuth#viewer});
 * without one, the sign-in page, which comes back here afterwards ({@link SignInRequired}).
 *
 * <p>It also gates the account states. A session still awaiting its second factor opens only the second-factor
 * pages; a user who must turn two-factor sign-in on, only the enrolment pages; a user who must choose a new password
 * (an admin's reset, a new account) is sent to the change-password page from every other page. A page that works
 * signed out takes an {@code @Auth Optional<Viewer>}: it gets the session's user whatever the account's state (the
 * redirects are dropped), or none. Admin pages say {@code @RolesAllowed(Role.ADMIN_NAME)}: 403 for other users.
 */
@Priority(Priorities.AUTHENTICATION)
public final class WebSessionAuthFilter extends AuthFilter<ContainerRequestContext, Viewer> {

    /** Paths a user who must choose a new password may still use. */
    private static final List<String> WHILE_PASSWORD_DUE = List.of("users/change_password/", "users/sign_out",
            "users/complete_password_reset/");

    /** Paths a session that has its password but not yet its second factor may use. */
    private static final List<String> WHILE_SECOND_FACTOR_DUE = List.of("users/2fa_choose", "users/2fa_backup",
            "users/2fa_sms", "users/2fa_verify", "users/sign_out");

    /** Paths a user who must turn two-factor sign-in on (the grace period is over) may use. */
    private static final List<String> WHILE_ENROLMENT_DUE = List.of("users/2fa_setup", "users/2fa_qr",
            "users/confirm_phone", "users/backup_codes", "users/sign_out", "users/change_password/", "users/complete_password_reset/");

    private WebSessionAuthFilter() {
    }

    /** The filter over the sessions {@code auth} keeps, with the users' roles for {@code @RolesAllowed}. */
    public static WebSessionAuthFilter of(WebAuth auth) {
        return new Builder().setAuthenticator(auth::viewer).setPrefix("Session").setRealm("registry")
                .setAuthorizer((viewer, role, request) -> viewer.role().dbValue().equals(role))
                .buildAuthFilter();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authenticate(request, request, SecurityContext.FORM_AUTH)) {
            throw new SignInRequired(request.getUriInfo().getRequestUri());
        }
        gate(request, (Viewer) request.getSecurityContext().getUserPrincipal());
    }

    /**
     * Sends a user whose account needs something first (a second factor, two-factor enrolment, a new password) to
     * the page that does it, unless the request is for one of the pages that state allows.
     */
    public static void gate(ContainerRequestContext request, Viewer v) {
        String path = request.getUriInfo().getPath();
        String here = path.startsWith("/") ? path.substring(1) : path;
        if (WebAuth.awaitingSecondFactor(request)) {
            if (WHILE_SECOND_FACTOR_DUE.stream().noneMatch(here::startsWith)) {
                throw new WebApplicationException(Response.seeOther(URI.create("/users/2fa_choose")).build());
            }
            return;
        }
        if (WebAuth.mustEnrolTwoFactor(request) && WHILE_ENROLMENT_DUE.stream().noneMatch(here::startsWith)) {
            throw new WebApplicationException(Response.seeOther(URI.create("/users/2fa_setup")).build());
        }
        if (WebAuth.mustChangePassword(request) && WHILE_PASSWORD_DUE.stream().noneMatch(here::startsWith)) {
            throw new WebApplicationException(Response.seeOther(URI.create("/users/change_password/" + v.id()))
                    .build());
        }
    }

    private static final class Builder extends AuthFilterBuilder<ContainerRequestContext, Viewer,
            WebSessionAuthFilter> {
        @Override
        protected WebSessionAuthFilter newInstance() {
            return new WebSessionAuthFilter();
        }
    }
}
