package org.aptrust.registry.web.auth;

/**
 * Sends a text message (a sign-in code). The Registry has no SMS gateway of its own: the default,
 * {@link LoggingSmsSender}, writes the message to the log, for development; a deployment that texts codes plugs in
 * its gateway here (RegistryApplication.smsSender()).
 */
public interface SmsSender {

    void send(String phoneNumber, String message);
}
