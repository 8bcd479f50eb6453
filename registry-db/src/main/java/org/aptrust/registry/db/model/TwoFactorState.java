package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * A user's two-factor facts (never shown: the secret is encrypted and only the sign-in code reads it).
 *
 * @param twoFactorOn enabled_two_factor and confirmed_two_factor: every sign-in needs a second factor
 * @param required   the institution's otp_enabled or the user's otp_required_for_login
 * @param due        when a required but not enrolled user must have enrolled (null: at once)
 * @param method     authy_status: "sms" for text-message codes ("onetouch", the original's Authy push, is served by
 *                   text message too), else an authenticator app
 */
public record TwoFactorState(int id, String email, String phoneNumber, boolean twoFactorOn, boolean required,
                             LocalDateTime due, String method, String encryptedOtpSecret, String encryptedOtpSecretIv,
                             Integer consumedTimestep, int backupCodesLeft) {

    public boolean hasAuthenticator() {
        return encryptedOtpSecret != null && !encryptedOtpSecret.isBlank();
    }

    /**
     * Text-message codes: the original's SMS users (authy_status 'sms') with a phone number, and its Authy push users
     * (authy_status 'onetouch': push is not offered here, so their phone gets a texted code instead).
     */
    public boolean usesSms() {
        return ("sms".equals(method) || "onetouch".equals(method)) && phoneNumber != null && !phoneNumber.isBlank();
    }
}
