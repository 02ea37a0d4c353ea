package org.modelregistry.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    /** The precedence example of semver.org, section 11. */
    private static final List<String> SPEC_ORDER = List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "1.10.0",
            "2.0.0");

    @Test
    void ordersAsTheSpecificationSays() {
        List<SemanticVersion> shuffled =
                new ArrayList<>(SPEC_ORDER.stream().map(SemanticVersion::parse).toList());
        Collections.shuffle(shuffled);
        shuffled.sort(Comparator.naturalOrder());
        assertThat(shuffled).extracting(SemanticVersion::toString).containsExactlyElementsOf(SPEC_ORDER);
    }

    @Test
    void sortKeysOrderTheSameWayByteForByte() {
        List<String> keys = new ArrayList<>(
                SPEC_ORDER.stream().map(v -> SemanticVersion.parse(v).sortKey()).toList());
        List<String> sorted = new ArrayList<>(keys);
        Collections.shuffle(sorted);
        sorted.sort(Comparator.naturalOrder()); // String order = byte order for these ASCII keys ("C" collation)
        assertThat(sorted).containsExactlyElementsOf(keys);
    }

    @Test
    void buildMetadataDoesNotChangePrecedence() {
        assertThat(SemanticVersion.parse("1.0.0+build.1").compareTo(SemanticVersion.parse("1.0.0+build.2")))
                .isZero();
        assertThat(SemanticVersion.parse("1.0.0+x").sortKey())
                .isEqualTo(SemanticVersion.parse("1.0.0").sortKey());
        assertThat(SemanticVersion.parse("1.0.0-rc.1+b").build()).isEqualTo("b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1",
                "1.0",
                "1.0.0.0",
                "01.0.0",
                "1.02.0",
                "1.0.0-",
                "1.0.0-01",
                "1.0.0-a..b",
                "v1.0.0",
                "1.0.0+",
                "1.0.0-alpha_1",
                " 1.0.0",
                "99999999999999999999.0.0",
                ""
            })
    void refusesWhatIsNotSemver(String text) {
        assertThatThrownBy(() -> SemanticVersion.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SemanticVersion.parse(null)).hasMessageContaining("required");
    }

    @Property(tries = 2000)
    void sortKeyOrderAgreesWithPrecedence(@ForAll("versions") String a, @ForAll("versions") String b) {
        SemanticVersion va = SemanticVersion.parse(a);
        SemanticVersion vb = SemanticVersion.parse(b);
        assertThat(Integer.signum(va.sortKey().compareTo(vb.sortKey()))).isEqualTo(Integer.signum(va.compareTo(vb)));
    }

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 1_000_000_000_000L);
        Arbitrary<Long> small = Arbitraries.longs().between(0, 12);
        Arbitrary<String> numericId = Arbitraries.oneOf(small, n).map(String::valueOf);
        Arbitrary<String> alnumId = Arbitraries.strings()
                .withChars("abcxyzABZ-019")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(s -> !s.chars().allMatch(Character::isDigit));
        Arbitrary<List<String>> pre =
                Arbitraries.oneOf(numericId, alnumId).list().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(Arbitraries.oneOf(small, n), small, small, pre)
                .as((ma, mi, pa, p) -> ma + "." + mi + "." + pa + (p.isEmpty() ? "" : "-" + String.join(".", p)));
    }
}
