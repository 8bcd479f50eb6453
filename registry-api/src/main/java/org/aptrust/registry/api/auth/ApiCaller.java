package org.aptrust.registry.api.auth;

import java.security.Principal;

import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Role;

/**
 * Who is calling the API, once the key has been checked: what they may see is decided from this alone.
 * APTrust admins see every institution; everyone else sees only their own institution's records.
 */
public record ApiCaller(int userId, String email, Role role, Integer institutionId) implements Principal {

    @Override
    public String getName() {
        return email;
    }

    public boolean isAdmin() {
        return role.isAdmin();
    }

    /** The list scope the engine applies for this caller. */
    public Scope scope() {
        return isAdmin() ? Scope.ALL : new Scope(institutionId, null);
    }

    /** Whether a record of the given institution is visible to this caller. */
    public boolean maySee(Integer recordInstitutionId) {
        return isAdmin() || (institutionId != null && institutionId.equals(recordInstitutionId));
    }
}
