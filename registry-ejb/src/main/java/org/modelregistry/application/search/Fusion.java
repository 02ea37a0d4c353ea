package org.modelregistry.application.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion: a hit's score is the sum over the rankings that hold it of 1 / (k + its rank), ranks from 1.
 * Scores of different kinds (BM25, cosine) are never compared, only positions; a hit found by both rankings rises
 * above one found by either alone at a similar rank. Ties keep the lexical order, then the semantic one.
 */
public final class Fusion {

    /** The constant of the original paper (Cormack, Clarke and Büttcher, 2009), and of most engines. */
    public static final int K = 60;

    private Fusion() {}

    /** A fused hit: its key, fused score, and 1-based rank in each list (null when absent). */
    public record Fused(String key, double score, Integer lexicalRank, Integer semanticRank) {}

    public static List<Fused> rrf(List<String> lexical, List<String> semantic) {
        Map<String, Integer> lexicalRanks = ranks(lexical);
        Map<String, Integer> semanticRanks = ranks(semantic);
        Map<String, Integer> order = new LinkedHashMap<>();
        lexical.forEach(key -> order.putIfAbsent(key, order.size()));
        semantic.forEach(key -> order.putIfAbsent(key, order.size()));
        List<Fused> fused = new ArrayList<>(order.size());
        for (String key : order.keySet()) {
            Integer l = lexicalRanks.get(key);
            Integer s = semanticRanks.get(key);
            double score = (l == null ? 0 : 1.0 / (K + l)) + (s == null ? 0 : 1.0 / (K + s));
            fused.add(new Fused(key, score, l, s));
        }
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(f -> order.get(f.key())));
        return fused;
    }

    private static Map<String, Integer> ranks(List<String> keys) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (String key : keys) {
            ranks.putIfAbsent(key, ranks.size() + 1);
        }
        return ranks;
    }
}
