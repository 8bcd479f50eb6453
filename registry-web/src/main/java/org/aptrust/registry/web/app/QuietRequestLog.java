package org.aptrust.registry.web.app;

import ch.qos.logback.access.jetty.RequestLogImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps logback-access from printing its own status lines when the server starts.
 *
 * <p>logback-access checks its version against logback-core's at start and, in a shaded jar, cannot read either
 * (the versions live in manifests and property files the shading merges away), so it printed a block of
 * "Versions ... are different!" warnings on every start. Those checks say nothing about this build: Maven's
 * dependency convergence decides the versions. Dropwizard configures the access log's appenders in code, so there
 * is no configuration file whose errors the status lines would report.
 */
final class QuietRequestLog implements LifeCycle.Listener {

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl log) {
            log.setQuiet(true);
        }
    }
}
