package org.aptrust.registry.web.auth;

import java.security.Principal;
import java.util.Map;

import io.dropwizard.auth.PolymorphicAuthDynamicFeature;
import io.dropwizard.auth.PolymorphicAuthValueFactoryProvider;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.aptrust.registry.api.ApiModule;
import org.aptrust.registry.api.auth.ApiCaller;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * Who is asking, with dropwizard-auth: a resource method names its caller as a parameter and gets it checked.
 * {@code @Auth ApiCaller} (the JSON API): the API-key headers, or a browser session for a read
 * ({@link ApiModule.Shared#authFilter}). {@code @Auth Viewer} (the pages): the session cookie's server-side session,
 * with the sign-in page and the account-state redirects ({@link WebSessionAuthFilter}); {@code @Auth
 * Optional<Viewer>} for a page that also works signed out. {@code @RolesAllowed(Role.ADMIN_NAME)} on a method or an
 * API resource class: 403 for everyone but admins.
 */
public final class Authentication {

    private Authentication() {
    }

    public static void install(JerseyEnvironment jersey, ApiModule.Shared api, WebAuth web) {
        Map<Class<? extends Principal>, ContainerRequestFilter> filters = Map.of(
                ApiCaller.class, api.authFilter(web::apiCaller),
                Viewer.class, WebSessionAuthFilter.of(web));
        jersey.register(new PolymorphicAuthDynamicFeature<Principal>(filters));
        jersey.register(new PolymorphicAuthValueFactoryProvider.Binder<Principal>(filters.keySet()));
        jersey.register(RolesAllowedDynamicFeature.class);
    }
}
