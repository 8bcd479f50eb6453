package org.aptrust.registry.web.cluster;

/**
 * Whether the request this thread serves may read from a replica. Set only by {@link ReadRouteFilter} for the
 * requests it finds eligible, for the length of the request; everything else (writes, sign-in, sessions, API-key
 * checks, jobs, tasks, health checks) finds it unset and reads from the primary.
 */
public final class ReadRoute {

    private static final ThreadLocal<Boolean> REPLICA_ALLOWED = new ThreadLocal<>();

    private ReadRoute() {
    }

    public static boolean replicaAllowed() {
        return Boolean.TRUE.equals(REPLICA_ALLOWED.get());
    }

    static void allowReplica() {
        REPLICA_ALLOWED.set(Boolean.TRUE);
    }

    static void clear() {
        REPLICA_ALLOWED.remove();
    }
}
