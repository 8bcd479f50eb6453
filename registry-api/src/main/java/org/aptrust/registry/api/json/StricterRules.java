package org.aptrust.registry.api.json;

import com.codahale.metrics.MetricRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where our checks are stricter than the original's (a digest of the wrong length, a bag name that differs from
 * its identifier, a bucket the institution does not own), the original's clients must still be able to store what
 * the original stored. Such a finding is a warning: a log line naming the rule, the field and the value, and a
 * counter per rule on /metrics ({@code org.aptrust.registry.api.json.StricterRules.<rule>}); the record is stored.
 */
public final class StricterRules {

    private static final Logger LOG = LoggerFactory.getLogger(StricterRules.class);

    private final MetricRegistry metrics;

    public StricterRules(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    /** A new validation of one request, whose warnings are reported here. */
    public InputValidation validation() {
        return new InputValidation(this);
    }

    void report(String rule, String field, String message) {
        metrics.counter(MetricRegistry.name(StricterRules.class, rule)).inc();
        LOG.warn("stored despite rule {}: {} {}", rule, field, message);
    }

    /** How often a rule has been broken since start (for tests and the metrics page). */
    public long count(String rule) {
        return metrics.counter(MetricRegistry.name(StricterRules.class, rule)).getCount();
    }
}
