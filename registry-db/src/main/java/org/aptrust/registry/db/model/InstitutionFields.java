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

    /** One changed field, with its old and new value in words (null: none). */
    public record Change(String field, String oldValue, String newValue) {
    }

    /**
     * The fields that differ from {@code before} (null: a new institution, every field that is set), named by their
     * columns.
     */
    public java.util.List<Change> changesFrom(InstitutionFields before) {
        java.util.List<Change> out = new java.util.ArrayList<>();
        diff(out, "name", before == null ? null : before.name, name);
        diff(out, "identifier", before == null ? null : before.identifier, identifier);
        diff(out, "type", before == null ? null : before.type, type);
        diff(out, "member_institution_id", before == null ? null : before.memberInstitutionId, memberInstitutionId);
        diff(out, "otp_enabled", before == null ? null : before.otpEnabled, otpEnabled);
        diff(out, "spot_restore_frequency", before == null ? null : before.spotRestoreFrequency,
                spotRestoreFrequency);
        return out;
    }

    private static void diff(java.util.List<Change> out, String field, Object before, Object after) {
        String b = before == null || before.toString().isBlank() ? null : before.toString();
        String a = after == null || after.toString().isBlank() ? null : after.toString();
        if (!java.util.Objects.equals(b, a)) {
            out.add(new Change(field, b, a));
        }
    }
}
