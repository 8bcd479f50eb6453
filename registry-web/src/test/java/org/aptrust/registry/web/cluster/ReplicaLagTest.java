package org.aptrust.registry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The lag estimate from the primary's sampled WAL positions, including an idle primary. */
class ReplicaLagTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aReplicaThatHasReplayedTheLatestPositionIsCurrentHoweverOldItsLastTransaction() {
        ReplicaLag lag = new ReplicaLag(Duration.ofSeconds(60));
        // an idle primary: the position does not move for a minute
        for (int t = 0; t <= 60; t++) {
            lag.primaryAt(t * S, 5000);
        }
        assertThat(lag.of(5000, 60 * S)).isEqualTo(ReplicaLag.Lag.CURRENT);
    }

    @Test
    void behindTheLatestSampleTheLagIsCountedFromTheNewestSampleItHasReached() {
        ReplicaLag lag = new ReplicaLag(Duration.ofSeconds(60));
        lag.primaryAt(0, 100);
        lag.primaryAt(S, 200);
        lag.primaryAt(2 * S, 300);
        lag.primaryAt(3 * S, 400);
        assertThat(lag.of(250, 3 * S)).isEqualTo(new ReplicaLag.Lag(Duration.ofSeconds(2), false));
        assertThat(lag.of(300, 3 * S + S / 2)).isEqualTo(new ReplicaLag.Lag(Duration.ofMillis(1500), false));
        assertThat(lag.of(400, 4 * S)).isEqualTo(ReplicaLag.Lag.CURRENT);
    }

    @Test
    void behindEverySampleKeptItIsAtLeastTheWindowBehind() {
        ReplicaLag lag = new ReplicaLag(Duration.ofSeconds(5));
        for (int t = 0; t <= 20; t++) {
            lag.primaryAt(t * S, 1000 + t);
        }
        ReplicaLag.Lag l = lag.of(10, 20 * S);
        assertThat(l.atLeast()).isTrue();
        assertThat(l.lag()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void onlyListDetailReportAndMemberApiPathsMayReadAReplica() {
        for (String yes : new String[] {"/member-api/v3/objects", "/member-api/v3/files/show/x%2Fy", "/dashboard",
                "/objects", "/objects/", "/objects/show/12", "/files/show/a", "/work_items", "/alerts",
                "/deletions/show/3", "/institutions/show/2", "/users", "/users/show/4", "/reports/deposits",
                "/reports/billing"}) {
            assertThat(ReadRouteFilter.ELIGIBLE.matcher(yes).matches()).as(yes).isTrue();
        }
        for (String no : new String[] {"/admin-api/v3/objects", "/alerts/show/1/4", "/users/my_account",
                "/users/edit/4", "/objects/request_restore/1", "/deletions/review/1", "/internal_metadata",
                "/users/sign_in", "/institutions/edit/2", "/maintenance", "/"}) {
            assertThat(ReadRouteFilter.ELIGIBLE.matcher(no).matches()).as(no).isFalse();
        }
    }
}
