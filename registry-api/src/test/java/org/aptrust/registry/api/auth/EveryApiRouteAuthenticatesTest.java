package org.aptrust.registry.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import org.aptrust.registry.db.model.Role;
import org.junit.jupiter.api.Test;

/**
 * dropwizard-auth checks only the methods that ask for a caller: a route of the API without an {@code @Auth
 * ApiCaller} parameter would be open to anyone, and an admin-API class without {@code @RolesAllowed} to every
 * role. This finds every resource method of the API's classes and says which lack them.
 */
class EveryApiRouteAuthenticatesTest {

    @Test
    void everyRouteTakesAnAuthenticatedCallerAndTheAdminApiIsForAdmins() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).hasSizeGreaterThan(15);
        List<String> open = new ArrayList<>();
        List<String> notAdminOnly = new ArrayList<>();
        for (Class<?> c : resources) {
            for (Method m : c.getMethods()) {
                if (!isRoute(m)) {
                    continue;
                }
                boolean authenticated = false;
                for (Parameter p : m.getParameters()) {
                    authenticated |= p.isAnnotationPresent(Auth.class) && p.getType() == ApiCaller.class;
                }
                if (!authenticated) {
                    open.add(c.getSimpleName() + "." + m.getName());
                }
            }
            jakarta.ws.rs.Path path = c.getAnnotation(jakarta.ws.rs.Path.class);
            RolesAllowed roles = c.getAnnotation(RolesAllowed.class);
            if (path.value().startsWith("/admin-api/")
                    && (roles == null || !List.of(roles.value()).equals(List.of(Role.ADMIN_NAME)))) {
                notAdminOnly.add(c.getSimpleName());
            }
        }
        assertThat(open).as("API routes without an @Auth ApiCaller parameter").isEmpty();
        assertThat(notAdminOnly).as("admin API classes without @RolesAllowed(admin)").isEmpty();
    }

    private static boolean isRoute(Method m) {
        return Stream.of(m.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    /** The classes under api/member and api/admin with a {@code @Path}. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApiCaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        for (String pkg : List.of("org/aptrust/registry/api/member", "org/aptrust/registry/api/admin")) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> c = Class.forName(name);
                    if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        found.add(c);
                    }
                }
            }
        }
        return found;
    }
}
