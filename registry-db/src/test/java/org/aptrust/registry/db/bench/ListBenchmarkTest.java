package org.aptrust.registry.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListBenchmarkTest {

    @Test
    void percentilesAreNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(ListBenchmark.pct(v, 50)).isEqualTo(5);
        assertThat(ListBenchmark.pct(v, 95)).isEqualTo(10);
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
