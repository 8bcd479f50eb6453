package org.aptrust.registry.api.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aptrust.registry.api.auth.AdminOnly;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.db.dao.WorkItemDao;

/**
 * The original's DELETE /admin-api/v3/items/redis_delete/:id, which dropped the preservation services' interim
 * record of a work item from Redis. This Registry has no Redis connection, so there is never anything to drop: the
 * answer says so in the original's shape ({@code StatusCode}, {@code Message}); an unknown work item is a 404.
 */
@Path("/admin-api/v3/items")
@ApiAuthenticated
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminRedisResource {

    private final WorkItemDao items;

    public AdminRedisResource(WorkItemDao items) {
        this.items = items;
    }

    @DELETE
    @Path("/redis_delete/{id}")
    public Map<String, Object> redisDelete(@PathParam("id") String id) {
        if (!id.matches("\\d{1,9}") || items.find(Integer.parseInt(id)).isEmpty()) {
            throw ApiException.notFound("work item " + id);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("StatusCode", 200);
        answer.put("Message", "No Redis is configured for this Registry: there is no Redis data of WorkItem " + id
                + " to delete.");
        return answer;
    }
}
