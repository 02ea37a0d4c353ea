package org.modelregistry.it.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metrics on cases worked out by hand. */
class RankingMetricsTest {

    @Test
    void ndcgDividesTheGainsOfTheRankingByThoseOfTheIdealOrder() {
        // DCG = 2/log2(2) + 0 + 1/log2(4) = 2.5; ideal 2, 2, 1: 2 + 2/log2(3) + 1/2 = 3.7619
        assertThat(RankingMetrics.ndcgAt(10, List.of("a", "b", "c"), Map.of("a", 2, "c", 1, "d", 2)))
                .isCloseTo(0.664565, within(1e-6));
        // the grade-1 result first: (1 + 2/log2(3)) / (2 + 1/log2(3))
        assertThat(RankingMetrics.ndcgAt(10, List.of("c", "a"), Map.of("a", 2, "c", 1)))
                .isCloseTo(0.859719, within(1e-6));
        assertThat(RankingMetrics.ndcgAt(10, List.of("a", "c", "x"), Map.of("a", 2, "c", 1)))
                .isEqualTo(1.0);
    }

    @Test
    void onlyTheFirstKResultsCountAndNoRelevantResultScoresZero() {
        List<String> ranking = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ranking.add("n" + i);
        }
        ranking.add("a");
        assertThat(RankingMetrics.ndcgAt(10, ranking, Map.of("a", 2))).isZero();
        assertThat(RankingMetrics.ndcgAt(11, ranking, Map.of("a", 2))).isCloseTo(1 / log2(12), within(1e-9));
        assertThat(RankingMetrics.recallAt(10, ranking, Set.of("a"))).isZero();
        assertThat(RankingMetrics.rank(ranking, "a")).isEqualTo(11);
        assertThat(RankingMetrics.rank(ranking, "z")).isEqualTo(Integer.MAX_VALUE);
        assertThat(RankingMetrics.ndcgAt(10, List.of("a"), Map.of())).isZero();
        assertThat(RankingMetrics.ndcgAt(10, List.of(), Map.of("a", 2))).isZero();
    }

    @Test
    void recallIsTheShareOfTheRelevantResultsFoundInTheFirstK() {
        assertThat(RankingMetrics.recallAt(10, List.of("x", "a", "y"), Set.of("a", "d")))
                .isEqualTo(0.5);
        assertThat(RankingMetrics.recallAt(1, List.of("x", "a", "y"), Set.of("a", "d")))
                .isZero();
        assertThat(RankingMetrics.recallAt(3, List.of("d", "a", "y"), Set.of("a", "d")))
                .isEqualTo(1.0);
        assertThat(RankingMetrics.recallAt(3, List.of("d", "a"), Set.of())).isZero();
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
