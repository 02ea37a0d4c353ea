package org.modelregistry.interfaces.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MlflowFilterTest {

    private static final Set<String> KEYS = Set.of("name", "run_id");

    @Test
    void readsComparisonsJoinedByAnd() {
        MlflowFilter f = MlflowFilter.parse("name = 'fraud' AND tags.team = \"risk\" and run_id IN ('a', 'b')", KEYS);
        assertThat(f.clauses()).hasSize(3);
        assertThat(f.equalTo("name")).isEqualTo("fraud");
        assertThat(f.clauses().get(1).tagKey()).isEqualTo("team");
        assertThat(f.clauses().get(2).values()).containsExactly("a", "b");
        Map<String, String> fields = Map.of("name", "fraud", "tags.team", "risk", "run_id", "b");
        assertThat(f.test(fields::get)).isTrue();
        Map<String, String> other = Map.of("name", "fraud", "tags.team", "ops", "run_id", "b");
        assertThat(f.test(other::get)).isFalse();
    }

    @Test
    void likeAndIlikeUseSqlWildcardsAndNothingElse() {
        MlflowFilter like = MlflowFilter.parse("name LIKE 'fr_ud%'", KEYS);
        assertThat(like.test(k -> "fraud-v2")).isTrue();
        assertThat(like.test(k -> "Fraud-v2")).isFalse();
        assertThat(MlflowFilter.parse("name ILIKE '%AUD%'", KEYS).test(k -> "fraud"))
                .isTrue();
        assertThat(MlflowFilter.parse("name LIKE 'a.c'", KEYS).test(k -> "abc"))
                .as("a dot is a dot, not a regex")
                .isFalse();
        assertThat(MlflowFilter.parse("name != 'x'", KEYS).test(k -> "y")).isTrue();
        assertThat(MlflowFilter.parse("tags.`my key` = 'v'", KEYS)
                        .clauses()
                        .get(0)
                        .tagKey())
                .isEqualTo("my key");
    }

    @Test
    void aMissingFieldMatchesNothing() {
        assertThat(MlflowFilter.parse("tags.team != 'x'", KEYS).test(k -> null)).isFalse();
        assertThat(MlflowFilter.parse("", KEYS).test(k -> null)).isTrue();
        assertThat(MlflowFilter.parse(null, KEYS).clauses()).isEmpty();
    }

    @Test
    void malformedFiltersAreInvalidParameterValues() {
        for (String bad : new String[] {
            "name = fraud",
            "name = 'fraud",
            "name ~ 'x'",
            "source = 'x'",
            "name = 'a' OR name = 'b'",
            "tags. = 'x'",
            "run_id IN ('a'",
            "name = 'a' AND",
            "'a' = name"
        }) {
            assertThatThrownBy(() -> MlflowFilter.parse(bad, KEYS))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            MlflowException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(MlflowException.INVALID_PARAMETER_VALUE));
        }
        assertThatThrownBy(() -> MlflowFilter.parse("name = '" + "x".repeat(5000) + "'", KEYS))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("at most");
    }
}
