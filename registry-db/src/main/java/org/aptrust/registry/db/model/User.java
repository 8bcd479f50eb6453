package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of users_view: a user without any secret, with their institution and its parent.
 */
public record User(
        int id,
        String name,
        String email,
        String phoneNumber,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        LocalDateTime resetPasswordSentAt,
        LocalDateTime rememberCreatedAt,
        Integer signInCount,
        LocalDateTime currentSignInAt,
        LocalDateTime lastSignInAt,
        String currentSignInIp,
        String lastSignInIp,
        Integer institutionId,
        LocalDateTime passwordChangedAt,
        Integer consumedTimestep,
        Boolean otpRequiredForLogin,
        LocalDateTime deactivatedAt,
        Boolean enabledTwoFactor,
        Boolean confirmedTwoFactor,
        String authyId,
        LocalDateTime lastSignInWithAuthy,
        String authyStatus,
        Boolean emailVerified,
        Boolean initialPasswordUpdated,
        Boolean forcePasswordUpdate,
        Boolean accountConfirmed,
        LocalDateTime gracePeriod,
        String role,
        String institutionName,
        String institutionIdentifier,
        String institutionState,
        String institutionType,
        Integer memberInstitutionId,
        String memberInstitutionName,
        String memberInstitutionIdentifier,
        String memberInstitutionState,
        Boolean otpEnabled,
        String receivingBucket,
        String restoreBucket,
        LocalDateTime encryptedOtpSentAt,
        Boolean awaitingSecondFactor) {
}
