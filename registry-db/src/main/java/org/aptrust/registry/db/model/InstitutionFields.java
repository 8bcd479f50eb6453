package org.aptrust.registry.db.model;

/**
 * What an APTrust admin sets on an institution (the original's institution form); the buckets follow from the
 * identifier. Checked by the page before it gets here.
 */
public record InstitutionFields(String name, String identifier, String type, Integer memberInstitutionId,
                                boolean otpEnabled, int spotRestoreFrequency) {

    public String receivingBucket() {
        return "aptrust.receiving." + identifier;
    }

    public String restoreBucket() {
        return "aptrust.restore." + identifier;
    }
}
