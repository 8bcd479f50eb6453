package org.aptrust.registry.web.mail;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The `mail:` section. Without an SMTP host nothing is sent: messages wait in the outbox, and the admin page
 * /internal/mail shows them (the embedded default).
 */
public class MailSettings {

    /** The From address of every message. */
    @NotNull
    @JsonProperty
    private String from = "APTrust Registry <registry@localhost>";

    @Valid
    @NotNull
    @JsonProperty
    private Smtp smtp = new Smtp();

    /** How often the sender looks for due messages. */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.seconds(5);

    /** Messages taken (and sent over one SMTP connection) per transaction. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int batchSize = 10;

    /** Attempts per recipient before the row is marked failed. */
    @Min(1)
    @JsonProperty
    private int maxAttempts = 12;

    /** The wait after the first failed attempt; it doubles after each further failure, up to maxRetryDelay. */
    @NotNull
    @JsonProperty
    private Duration retryDelay = Duration.seconds(30);

    @NotNull
    @JsonProperty
    private Duration maxRetryDelay = Duration.hours(1);

    /** How the SMTP server is reached. */
    public static class Smtp {

        /** Empty: no delivery, messages stay in the outbox. */
        @JsonProperty
        private String host = "";

        @Min(0)
        @Max(65535)
        @JsonProperty
        private int port = 587;

        /** Empty: no authentication. */
        @JsonProperty
        private String username = "";

        @JsonProperty
        private String password = "";

        /** none (plain SMTP), starttls (upgrade required), ssl (TLS from the first byte, usually port 465). */
        @NotNull
        @Pattern(regexp = "none|starttls|ssl")
        @JsonProperty
        private String security = "starttls";

        /**
         * Hosts whose certificate is trusted without checking its chain ("*" for any), for a server with a private
         * certificate. Empty: the JVM's trust store decides. The host name is checked against the certificate
         * either way.
         */
        @JsonProperty
        private String sslTrust = "";

        @NotNull
        @JsonProperty
        private Duration connectTimeout = Duration.seconds(10);

        /** Read and write timeout of one SMTP exchange. */
        @NotNull
        @JsonProperty
        private Duration timeout = Duration.seconds(30);

        public String getHost() {
            return host == null ? "" : host.strip();
        }

        public int getPort() {
            return port;
        }

        public String getUsername() {
            return username == null ? "" : username;
        }

        public String getPassword() {
            return password == null ? "" : password;
        }

        public String getSecurity() {
            return security;
        }

        public String getSslTrust() {
            return sslTrust == null ? "" : sslTrust.strip();
        }

        public java.time.Duration connectTimeout() {
            return connectTimeout.toJavaDuration();
        }

        public java.time.Duration timeout() {
            return timeout.toJavaDuration();
        }
    }

    /** True when an SMTP host is configured, so the sender delivers. */
    public boolean isDelivering() {
        return !smtp.getHost().isEmpty();
    }

    public String getFrom() {
        return from;
    }

    public Smtp getSmtp() {
        return smtp;
    }

    public java.time.Duration pollInterval() {
        return pollInterval.toJavaDuration();
    }

    public int getBatchSize() {
        return batchSize;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public java.time.Duration retryDelay() {
        return retryDelay.toJavaDuration();
    }

    public java.time.Duration maxRetryDelay() {
        return maxRetryDelay.toJavaDuration();
    }

    /** The wait before attempt number {@code attemptsSoFar + 1}, after {@code attemptsSoFar} failures (1 or more). */
    public java.time.Duration delayAfter(int attemptsSoFar) {
        java.time.Duration d = retryDelay();
        for (int i = 1; i < attemptsSoFar && d.compareTo(maxRetryDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetryDelay()) > 0 ? maxRetryDelay() : d;
    }
}
