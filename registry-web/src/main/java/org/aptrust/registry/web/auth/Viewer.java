package org.aptrust.registry.web.auth;

import java.security.Principal;

import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Role;

/**
 * The signed-in user a page is rendered for. Every page asks it what may be shown: an admin sees every
 * institution; everyone else only their own.
 */
public record Viewer(int id, String email, String name, Role role, Integer institutionId) implements Principal {

    /** The user's email: the name a security context gives. */
    @Override
    public String getName() {
        return email;
    }

    public boolean isAdmin() {
        return role.isAdmin();
    }

    public boolean isInstitutionalAdmin() {
        return role.isInstitutionalAdmin();
    }

    /** Institutional admins manage their institution's users; admins everyone's. */
    public boolean canListUsers() {
        return isAdmin() || isInstitutionalAdmin();
    }

    /** The list scope for this user's lists. A non-admin without an institution sees nothing (id -1 matches no row). */
    public Scope scope() {
        return isAdmin() ? Scope.ALL : Scope.institution(institutionId == null ? -1 : institutionId);
    }

    /** True when a row of this institution may be shown to the user. */
    public boolean maySee(Integer rowInstitutionId) {
        return isAdmin() || (institutionId != null && institutionId.equals(rowInstitutionId));
    }

    public String roleLabel() {
        return switch (role) {
            case ADMIN -> "APTrust admin";
            case INSTITUTIONAL_ADMIN -> "institutional admin";
            case INSTITUTIONAL_USER -> "institutional user";
            case NONE -> "no role";
        };
    }

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
