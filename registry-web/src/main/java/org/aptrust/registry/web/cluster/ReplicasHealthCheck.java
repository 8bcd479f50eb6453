package org.aptrust.registry.web.cluster;

import java.util.List;
import java.util.stream.Collectors;

import com.codahale.metrics.health.HealthCheck;

/**
 * "replicas": each replica with its state and lag as the last check saw it. Unhealthy while any replica is out of
 * use (down, lagging, not yet checked); reads then go to the primary, so the service itself still answers.
 */
final class ReplicasHealthCheck extends HealthCheck {

    private final List<Replica> replicas;
    private final ReplicaMonitor monitor;

    ReplicasHealthCheck(List<Replica> replicas, ReplicaMonitor monitor) {
        this.replicas = replicas;
        this.monitor = monitor;
    }

    @Override
    protected Result check() {
        String message = replicas.stream()
                .map(r -> r.name() + " (" + r.address() + "): " + r.status().describe())
                .collect(Collectors.joining("; "));
        if (monitor.primaryProblem() != null) {
            message += "; primary position not sampled since " + monitor.primarySampledAt() + ": "
                    + monitor.primaryProblem();
        }
        ResultBuilder b = replicas.stream().allMatch(r -> r.status().usable())
                ? Result.builder().healthy() : Result.builder().unhealthy();
        b.withMessage(message).withDetail("maxLagMillis", monitor.maxLag().toMillis());
        for (Replica r : replicas) {
            Replica.Status s = r.status();
            java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("address", r.address());
            d.put("state", s.state());
            d.put("usable", s.usable());
            d.put("lagMillis", s.lag() == null ? null : s.lag().toMillis());
            d.put("lagAtLeast", s.lagAtLeast());
            d.put("inRecovery", s.inRecovery());
            d.put("lastReplayed", s.lastReplayed() == null ? null : s.lastReplayed().toString());
            d.put("checkedAt", s.checkedAt() == null ? null : s.checkedAt().toString());
            d.put("error", s.error());
            d.put("reads", r.reads().getCount());
            b.withDetail(r.name(), d);
        }
        return b.build();
    }
}
