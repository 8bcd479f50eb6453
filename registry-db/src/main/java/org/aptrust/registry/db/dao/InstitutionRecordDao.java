package org.aptrust.registry.db.dao;

import org.aptrust.registry.db.model.InstitutionFields;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Creates and changes institutions (the web forms). otp_required_since (migration 034) starts when otp_enabled turns
 * on and clears when it turns off; deactivation is soft (state D and deactivated_at), as in the original.
 */
public interface InstitutionRecordDao {

    String NOW = "now() AT TIME ZONE 'UTC'";

    @SqlUpdate("INSERT INTO institutions (name, identifier, type, member_institution_id, otp_enabled,"
            + " otp_required_since, spot_restore_frequency, receiving_bucket, restore_bucket, state, created_at,"
            + " updated_at) VALUES (:f.name, :f.identifier, :f.type, :f.memberInstitutionId, :f.otpEnabled,"
            + " CASE WHEN :f.otpEnabled THEN " + NOW + " END, :f.spotRestoreFrequency, :f.receivingBucket,"
            + " :f.restoreBucket, 'A', " + NOW + ", " + NOW + ")")
    @GetGeneratedKeys("id")
    int insert(@BindMethods("f") InstitutionFields f);

    /** Everything but the identifier (and so the buckets), which never change. */
    @SqlUpdate("UPDATE institutions SET name = :f.name, type = :f.type, member_institution_id = :f.memberInstitutionId,"
            + " spot_restore_frequency = :f.spotRestoreFrequency, " + OTP + ", updated_at = " + NOW
            + " WHERE id = :id")
    int update(@Bind("id") int id, @BindMethods("f") InstitutionFields f);

    /** What an institutional admin may change about their own institution. */
    @SqlUpdate("UPDATE institutions SET spot_restore_frequency = :f.spotRestoreFrequency, " + OTP + ","
            + " updated_at = " + NOW + " WHERE id = :id")
    int updatePreferences(@Bind("id") int id, @BindMethods("f") InstitutionFields f);

    String OTP = "otp_required_since = CASE WHEN NOT :f.otpEnabled THEN NULL"
            + " WHEN otp_enabled THEN COALESCE(otp_required_since, " + NOW + ") ELSE " + NOW + " END,"
            + " otp_enabled = :f.otpEnabled";

    /**
     * Starts the grace period of institutions that require two-factor sign-in without a recorded start (rows loaded
     * after migration 034 ran, such as fixtures and demo data); run at every start, it changes nothing twice.
     */
    @SqlUpdate("UPDATE institutions SET otp_required_since = " + NOW
            + " WHERE otp_enabled AND otp_required_since IS NULL")
    int startTwoFactorGracePeriods();

    @SqlUpdate("UPDATE institutions SET state = 'D', deactivated_at = " + NOW + ", updated_at = " + NOW
            + " WHERE id = :id AND state <> 'D'")
    int deactivate(@Bind("id") int id);

    @SqlUpdate("UPDATE institutions SET state = 'A', deactivated_at = NULL, updated_at = " + NOW
            + " WHERE id = :id AND state = 'D'")
    int reactivate(@Bind("id") int id);
}
