package io.banwatch.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The levels' order is defined once, by Level; Verdict and the SQL rankings follow it. */
class LevelOrderTest {
    @Test
    void verdictListsEveryLevelInTheLevelsOrder() {
        List<String> verdicts = Arrays.stream(Verdict.values()).map(Verdict::name).toList();
        List<String> levelsAmongVerdicts = verdicts.stream()
                .filter(v -> Arrays.stream(Level.values()).anyMatch(l -> l.name().equals(v))).toList();

        assertThat(levelsAmongVerdicts).containsExactly(Arrays.stream(Level.values()).map(Level::name)
                .toArray(String[]::new));
        for (Level a : Level.values()) {
            for (Level b : Level.values()) {
                assertThat(Verdict.of(a).atLeast(Verdict.of(b))).as(a + " vs " + b).isEqualTo(a.atLeast(b));
            }
        }
    }

    @Test
    void theSqlRankIsMadeFromTheEnumsOrder() {
        assertThat(Level.sqlRank("f.level")).isEqualTo(
                "CASE f.level WHEN 'VIOLATION' THEN 0 WHEN 'DEADLINE' THEN 1 WHEN 'RISK' THEN 2 WHEN 'INFO' THEN 3"
                        + " ELSE 4 END");
        assertThat(Verdict.sqlRank("level")).startsWith("CASE level WHEN 'VIOLATION' THEN 0 WHEN 'DEADLINE' THEN 1")
                .endsWith("WHEN 'CLEAN' THEN 5 ELSE 6 END");
    }

    @Test
    void theErrorsNameTheLevelsInOrder() {
        assertThat(Level.choices()).isEqualTo("VIOLATION, DEADLINE, RISK or INFO");
    }
}
