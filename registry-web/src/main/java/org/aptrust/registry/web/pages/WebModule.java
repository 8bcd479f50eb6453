package org.aptrust.registry.web.pages;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import io.dropwizard.views.common.ViewMessageBodyWriter;
import io.dropwizard.views.common.ViewRenderExceptionMapper;
import io.dropwizard.views.mustache.MustacheViewRenderer;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.web.app.WebSettings;
import org.aptrust.registry.web.auth.PasswordPolicy;
import org.aptrust.registry.web.auth.SecurityHeadersFilter;
import org.aptrust.registry.web.auth.SessionCodec;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.db.throttle.FailureThrottle;
import org.aptrust.registry.web.auth.SmsSender;
import org.aptrust.registry.web.auth.TwoFactorCodes;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.auth.WebSessionFilter;
import org.aptrust.registry.web.maintenance.MaintenanceMode;
import org.aptrust.registry.web.mail.AccountMessages;
import org.aptrust.registry.web.workflows.DeletionWorkflow;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything the web UI adds to the application, in one call from {@code RegistryApplication.run}: the Mustache
 * view writer, sessions and CSRF, security headers, error pages, static assets (our CSS and scripts under
 * /assets/, Chart.js from its WebJar under /webjars/) and the page resources.
 */
public final class WebModule {

    private WebModule() {
    }

    /**
     * @param jdbi  the primary's: writes, sessions, forms
     * @param reads the list, detail and report reads (a replica's within requests that may use one; the primary's
     *              when no replica is configured), as {@code daos} and {@code listReaders}
     * @param nsqd  nsqd's HTTP API for the NSQ pages, or null when no nsqd is configured
     * @throws IllegalStateException when the session key is missing or too short: the service does not start
     */
    public static WebAuth register(Environment environment, WebSettings settings, Jdbi jdbi, Jdbi reads, Daos daos,
                                   ListReaders listReaders,
                                   WorkQueue queue, AccountMessages messages, DeletionWorkflow deletions,
                                   MaintenanceMode maintenance, WorkItemPages.Admin workItemAdmin,
                                   Internals internals, SmsSender sms,
                                   org.aptrust.registry.api.queue.NsqdClient nsqd) {
        Clock clock = Clock.systemUTC();
        SessionCodec codec = new SessionCodec(settings.sessionKeys(), settings.sessionMaxAge());
        SessionCookies cookies = new SessionCookies(codec, settings.isSecureCookies());
        WebAuth auth = new WebAuth(jdbi, cookies, new FailureThrottle(jdbi, clock, "web",
                settings.getSignInFailuresBeforeDelay()),
                clock, settings.twoFactorGracePeriod());
        Pages pages = new Pages(auth, daos, listReaders);
        // an institution loaded after migration 034 (demo data, fixtures) gets its users' grace period from now
        jdbi.useExtension(org.aptrust.registry.db.dao.InstitutionRecordDao.class,
                org.aptrust.registry.db.dao.InstitutionRecordDao::startTwoFactorGracePeriods);
        ListPages lists = new ListPages(pages, settings.getCsvMaxRows());

        MustacheViewRenderer mustache = new MustacheViewRenderer();
        mustache.configure(Map.of());
        environment.jersey().register(new ViewMessageBodyWriter(environment.metrics(), List.of(mustache)));
        environment.jersey().register(new ViewRenderExceptionMapper());
        environment.jersey().register(new AlsoAnswers.Routes());

        environment.jersey().register(new WebSessionFilter(cookies, clock, message ->
                Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(new ErrorView(
                        PageContext.of(ErrorView.titleFor(403), null, "", "/"), 403, message)).build()));
        environment.jersey().register(new ErrorPages.PageExceptionMapper(pages));
        environment.jersey().register(new ErrorPages.SignInRequiredMapper());
        environment.jersey().register(new ErrorPages.HtmlErrorFilter(pages));

        environment.servlets().addFilter("security-headers", new SecurityHeadersFilter(settings.isSecureCookies()))
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
        environment.servlets().addServlet("assets",
                        new AssetServlet("/assets", "/assets", null, StandardCharsets.UTF_8))
                .addMapping("/assets/*");
        // Chart.js under a version-free path, so templates and the CSP need not change when the WebJar does.
        environment.servlets().addServlet("chartjs", new AssetServlet(
                        "/META-INF/resources/webjars/chart.js/" + webJarVersion("chart.js"), "/webjars/chart.js", null,
                        StandardCharsets.UTF_8))
                .addMapping("/webjars/chart.js/*");

        environment.jersey().register(new SessionPages(pages));
        environment.jersey().register(new MaintenancePages(pages, maintenance));
        environment.jersey().register(new DashboardPages(pages, reads));
        environment.jersey().register(new ObjectPages(pages, lists, jdbi, reads, queue, deletions));
        environment.jersey().register(new FilePages(pages, lists, deletions, queue,
                jdbi.onDemand(org.aptrust.registry.db.dao.GenericFileWrites.class)));
        environment.jersey().register(new EventPages(pages, lists));
        environment.jersey().register(new WorkItemPages(pages, lists, workItemAdmin));
        environment.jersey().register(new AlertPages(pages, lists, jdbi));
        environment.jersey().register(new DeletionPages(pages, lists, deletions));
        environment.jersey().register(new InstitutionPages(pages, lists, jdbi));
        environment.jersey().register(new InstitutionFormPages(pages, jdbi));
        environment.jersey().register(new UserPages(pages, lists, jdbi));
        AccountPages account = new AccountPages(pages, jdbi);
        environment.jersey().register(account);
        PasswordPages passwords = new PasswordPages(pages, jdbi, messages, new PasswordPolicy(),
                new FailureThrottle(jdbi, clock, "forgot", settings.getForgotPasswordRequestsBeforeDelay(),
                        settings.getForgotPasswordRequestsPerClientBeforeDelay()));
        environment.jersey().register(passwords);
        environment.jersey().register(new UserFormPages(pages, jdbi, passwords));
        environment.jersey().register(new TwoFactorPages(pages, jdbi, new TwoFactorCodes(settings.sessionKeys()), sms,
                account, messages));
        environment.jersey().register(new ReportPages(pages, reads));
        environment.jersey().register(new InternalsPages(pages, jdbi, internals));
        environment.jersey().register(new MailPages(pages, jdbi, messages.delivering()));
        environment.jersey().register(new NsqPages(pages, nsqd));
        environment.jersey().register(new CompatibilityPages(pages));
        environment.jersey().register(new CompatibilityPages.UserRoutes(pages));
        return auth;
    }

    /** The version of an org.webjars.npm WebJar on the classpath, from its Maven metadata. */
    static String webJarVersion(String artifact) {
        String resource = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (var in = WebModule.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + artifact + " is not on the classpath");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
