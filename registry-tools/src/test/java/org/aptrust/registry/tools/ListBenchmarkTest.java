package org.aptrust.registry.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListBenchmarkTest {

    @Test
    void percentilesAreNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(ListBenchmark.pct(v, 50)).isEqualTo(5);
        assertThat(ListBenchmark.pct(v, 95)).isEqualTo(10);
    }

    /** psql replays inside a transaction what the DAO ran inside one (a total's count under its own timeout). */
    @Test
    void statementsRunInATransactionAreReplayedInOne() {
        var page = new ListBenchmark.Captured("SELECT ids", false);
        var timeout = new ListBenchmark.Captured("SELECT set_config", true);
        var count = new ListBenchmark.Captured("SELECT count(*)", true);
        var explain = new ListBenchmark.Captured("EXPLAIN", false);
        assertThat(ListBenchmark.withTransactions(List.of(page, timeout, count, explain)))
                .containsExactly("SELECT ids", "BEGIN", "SELECT set_config", "SELECT count(*)", "COMMIT", "EXPLAIN");
        assertThat(ListBenchmark.withTransactions(List.of(page, count)))
                .containsExactly("SELECT ids", "BEGIN", "SELECT count(*)", "COMMIT");
        assertThat(ListBenchmark.withTransactions(List.of(page))).containsExactly("SELECT ids");
    }

    @Test
    void eachScaleHasItsOwnSectionAndARunReplacesOnlyIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\n## Stats\n\nkeep me\n");
        ListBenchmark.writeSection(file, "M", "2 cores", 30, "| m1 |\n");
        ListBenchmark.writeSection(file, "L", "2 cores", 30, "| l1 |\n");
        ListBenchmark.writeSection(file, "M", "2 cores", 30, "| m2 |\n");
        String text = Files.readString(file);
        assertThat(text).contains("keep me", "| m2 |", "| l1 |").doesNotContain("| m1 |");
        assertThat(text.indexOf("Scale M")).isLessThan(text.indexOf("Scale L"));
    }
}
