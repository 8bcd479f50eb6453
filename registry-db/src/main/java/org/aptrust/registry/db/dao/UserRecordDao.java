package org.aptrust.registry.db.dao;

import org.aptrust.registry.db.model.UserFields;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Inserts and updates the account columns an administrator sets (never the secrets but a new account's). */
public interface UserRecordDao {

    /**
     * A new account with an unusable password (the bcrypt hash of a random value nobody keeps): the user chooses
     * one through the welcome link.
     */
    @SqlUpdate("INSERT INTO users (name, email, phone_number, role, institution_id, otp_required_for_login,"
            + " grace_period, encrypted_password, created_at, updated_at, email_verified, account_confirmed)"
            + " VALUES (:f.name, :f.email, NULLIF(:f.phoneNumber, ''), :f.role, :f.institutionId,"
            + " :f.otpRequiredForLogin, CAST(:f.gracePeriod AS timestamp), :passwordHash,"
            + " now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', false, true)")
    @GetGeneratedKeys("id")
    int insert(@BindMethods("f") UserFields f, @Bind("passwordHash") String passwordHash);

    @SqlUpdate("UPDATE users SET name = :f.name, email = :f.email, phone_number = NULLIF(:f.phoneNumber, ''),"
            + " role = :f.role, institution_id = :f.institutionId, otp_required_for_login = :f.otpRequiredForLogin,"
            + " grace_period = CAST(:f.gracePeriod AS timestamp), updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id")
    int update(@Bind("id") int id, @BindMethods("f") UserFields f);
}
