package org.modelregistry.it.relevance;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Ranking quality against graded labels. nDCG@k: the discounted cumulative gain of the first k results (gain = the
 * grade, discount log2(position + 1)) over the same for the ideal order of all labelled results; 0 when nothing is
 * relevant. recall@k: the share of the relevant results among the first k.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    public static double ndcgAt(int k, List<String> ranking, Map<String, Integer> grades) {
        double ideal = dcg(
                k,
                grades.values().stream()
                        .filter(g -> g > 0)
                        .sorted((a, b) -> b - a)
                        .toList());
        if (ideal == 0) {
            return 0;
        }
        return dcg(k, ranking.stream().map(r -> grades.getOrDefault(r, 0)).toList()) / ideal;
    }

    public static double recallAt(int k, List<String> ranking, Collection<String> relevant) {
        if (relevant.isEmpty()) {
            return 0;
        }
        long found =
                ranking.stream().limit(k).distinct().filter(relevant::contains).count();
        return (double) found / relevant.size();
    }

    /** The 1-based position of an item in a ranking, or {@link Integer#MAX_VALUE} when it is not there. */
    public static int rank(List<String> ranking, String item) {
        int i = ranking.indexOf(item);
        return i < 0 ? Integer.MAX_VALUE : i + 1;
    }

    private static double dcg(int k, List<Integer> gains) {
        double sum = 0;
        for (int i = 0; i < Math.min(k, gains.size()); i++) {
            sum += gains.get(i) / log2(i + 2);
        }
        return sum;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
