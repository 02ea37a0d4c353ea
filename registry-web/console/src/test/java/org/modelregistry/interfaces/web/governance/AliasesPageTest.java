package org.modelregistry.interfaces.web.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The moments "what did the alias name on ..." reads: a day means its end, a minute its last second, all UTC. */
class AliasesPageTest {

    @Test
    void aDayMeansItsEndAndAMinuteItsLastSecond() {
        assertThat(AliasesPage.moment("2026-12-04")).isEqualTo(OffsetDateTime.parse("2026-12-04T23:59:59.999999Z"));
        assertThat(AliasesPage.moment(" 2026-12-04 14:30 ")).isEqualTo(OffsetDateTime.parse("2026-12-04T14:30:59Z"));
        assertThat(AliasesPage.moment("2026-12-04T14:30")).isEqualTo(OffsetDateTime.parse("2026-12-04T14:30:59Z"));
    }

    @Test
    void anythingElseIsNoMoment() {
        assertThat(AliasesPage.moment(null)).isNull();
        assertThat(AliasesPage.moment("  ")).isNull();
        assertThat(AliasesPage.moment("last tuesday")).isNull();
        assertThat(AliasesPage.moment("2026-13-40")).isNull();
        assertThat(AliasesPage.moment("2026-12-04 25:00")).isNull();
    }
}
