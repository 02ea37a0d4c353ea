package org.modelregistry.application.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FusionTest {

    @Test
    void aHitFoundByBothRankingsRisesAboveOnesFoundByOne() {
        List<Fusion.Fused> fused = Fusion.rrf(List.of("a", "b", "c"), List.of("c", "d"));
        assertThat(fused).extracting(Fusion.Fused::key).containsExactly("c", "a", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 63 + 1.0 / 61, Offset.offset(1e-12));
        assertThat(fused.get(0).lexicalRank()).isEqualTo(3);
        assertThat(fused.get(0).semanticRank()).isEqualTo(1);
        assertThat(fused.get(3).lexicalRank()).isNull();
    }

    @Test
    void withoutSemanticHitsTheLexicalOrderIsKept() {
        assertThat(Fusion.rrf(List.of("x", "y", "z"), List.of()))
                .extracting(Fusion.Fused::key)
                .containsExactly("x", "y", "z");
    }

    @Test
    void tiesKeepTheLexicalOrderFirst() {
        // b is lexical rank 2, d semantic rank 2: equal scores, lexical first
        assertThat(Fusion.rrf(List.of("a", "b"), List.of("c", "d")))
                .extracting(Fusion.Fused::key)
                .containsExactly("a", "c", "b", "d");
    }
}
