package org.aptrust.registry.api;

import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Lets identifiers travel in a path segment with their slashes encoded, as the original's clients send them
 * ({@code /objects/show/institution1.edu%2Fbag}), and with a literal percent sign ({@code 100%25 done.txt}).
 * Jetty 12 refuses %2F (an "ambiguous path separator") and %25 (an "ambiguous path encoding") by default, twice:
 * the connector rejects the request, and the servlet layer refuses to decode it. Dropwizard's
 * {@code uriCompliance} setting only takes named modes, and those that allow these also allow %2e%2e segments and
 * other ambiguities we do not want; so this adds exactly these two to whatever each application connector is
 * configured with, before the server starts, and tells the servlet handler to decode such URIs.
 */
public final class AcceptEncodedSlashes {

    private AcceptEncodedSlashes() {
    }

    public static void install(Environment environment) {
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    allowEncodedSlashes(server);
                }
            }
        });
    }

    static void allowEncodedSlashes(Server server) {
        for (Connector connector : server.getConnectors()) {
            if ("admin".equals(connector.getName()) || !(connector instanceof ContainerLifeCycle container)) {
                continue;
            }
            // Dropwizard wraps each connection factory in a metrics one, which holds the real factory as a bean.
            for (HttpConnectionFactory http : container.getContainedBeans(HttpConnectionFactory.class)) {
                HttpConfiguration config = http.getHttpConfiguration();
                UriCompliance current = config.getUriCompliance();
                if (!current.allows(UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)
                        || !current.allows(UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING)) {
                    config.setUriCompliance(current.with(current.getName() + "+IDENTIFIERS",
                            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
                }
            }
        }
    }
}
