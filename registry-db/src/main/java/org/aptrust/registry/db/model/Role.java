package org.aptrust.registry.db.model;

import java.util.Arrays;

/** users.role: what a user may do (reference §7). Unknown or missing roles are NONE, which may do nothing. */
public enum Role {
    ADMIN(Role.ADMIN_NAME),
    INSTITUTIONAL_ADMIN("institutional_admin"),
    INSTITUTIONAL_USER("institutional_user"),
    NONE("none");

    /** The admin role as the database spells it: the name {@code @RolesAllowed} uses. */
    public static final String ADMIN_NAME = "admin";

    private final String dbValue;

    Role(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static Role fromDb(String value) {
        return Arrays.stream(values()).filter(r -> r.dbValue.equals(value)).findFirst().orElse(NONE);
    }

    /** APTrust staff: acts across every institution. */
    public boolean isAdmin() {
        return this == ADMIN;
    }

    public boolean isInstitutionalAdmin() {
        return this == INSTITUTIONAL_ADMIN;
    }

    /** How much the role may do: nobody gives anyone a role above their own. */
    public int rank() {
        return switch (this) {
            case ADMIN -> 3;
            case INSTITUTIONAL_ADMIN -> 2;
            case INSTITUTIONAL_USER -> 1;
            case NONE -> 0;
        };
    }

    /** May use the Registry at all. */
    public boolean canSignIn() {
        return this != NONE;
    }
}
