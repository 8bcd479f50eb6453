package org.aptrust.registry.api.admin;

import java.util.List;

/**
 * Makes one deletion request for many objects of one institution, all or nothing, on behalf of one of its
 * institutional admins, with the same mailed approval as a request from the web pages (the web module's deletion
 * workflow implements it).
 */
@FunctionalInterface
public interface BatchDeletions {

    /**
     * @return the new request's id
     * @throws org.aptrust.registry.api.json.ApiException with the refusal's status and reason; nothing written
     */
    long request(int requestorId, int institutionId, List<Integer> objectIds);
}
