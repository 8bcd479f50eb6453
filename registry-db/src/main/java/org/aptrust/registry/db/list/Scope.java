package org.aptrust.registry.db.list;

/**
 * Whose rows a caller may see. The engine adds these conditions itself, so no caller can forget them.
 *
 * @param institutionId null for an admin (every institution)
 * @param userId        for lists that are per recipient (alerts): null to see every recipient's rows
 */
public record Scope(Integer institutionId, Integer userId) {

    public static final Scope ALL = new Scope(null, null);

    public static Scope institution(int institutionId) {
        return new Scope(institutionId, null);
    }

    public boolean unrestricted() {
        return institutionId == null && userId == null;
    }
}
