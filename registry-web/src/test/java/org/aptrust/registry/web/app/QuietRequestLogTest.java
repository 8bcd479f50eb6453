package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.core.util.StatusPrinter;
import io.dropwizard.request.logging.LogbackAccessRequestLog;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The access log starts without printing logback's status block (its version checks cannot read a shaded jar). */
class QuietRequestLogTest {

    @Test
    void theAccessLogStartsWithoutPrintingStatusLines() throws Exception {
        Server server = new Server(0);
        LogbackAccessRequestLog log = new LogbackAccessRequestLog();
        server.setRequestLog(log);
        server.addEventListener(new QuietRequestLog());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StatusPrinter.setPrintStream(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            server.start();
        } finally {
            StatusPrinter.setPrintStream(System.out);
            server.stop();
        }
        assertThat(log.isQuiet()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("LogbackAccessRequestLog");
    }

    @Test
    void aServerWithoutAnAccessLogStartsAsBefore() throws Exception {
        Server server = new Server(0);
        server.addEventListener(new QuietRequestLog());
        server.start();
        assertThat(server.isStarted()).isTrue();
        server.stop();
    }
}
