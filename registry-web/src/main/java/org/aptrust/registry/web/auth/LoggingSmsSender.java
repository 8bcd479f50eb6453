package org.aptrust.registry.web.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SmsSender}: logs the message, code included, at INFO under this class's name, so a developer can
 * sign in as a text-message user (sms_user@example.com in the demo data) without a gateway. Not for production:
 * anyone who reads the log can use the codes.
 */
public final class LoggingSmsSender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public void send(String phoneNumber, String message) {
        LOG.info("SMS to {} (not sent: no SMS gateway configured): {}", phoneNumber, message);
    }
}
