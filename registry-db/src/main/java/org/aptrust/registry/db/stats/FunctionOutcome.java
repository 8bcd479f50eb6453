package org.aptrust.registry.db.stats;

/**
 * What a stats function reported: outcome 'ran' or 'skipped', and what it did or why it skipped ("busy: ..." when
 * another session held its lock, "not due: ..." when there was nothing to do).
 */
public record FunctionOutcome(String outcome, String detail) {

    public boolean ran() {
        return "ran".equals(outcome);
    }

    /** Skipped because nothing was due: the data is as fresh as it can be, which counts as a success. */
    public boolean notDue() {
        return !ran() && detail != null && detail.startsWith("not due");
    }
}
