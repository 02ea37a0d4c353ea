package org.modelregistry.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WakeSettingsTest {

    private static WakeSettings of(long millis) {
        WakeSettings s = new WakeSettings();
        s.safetyPollMillis = millis;
        return s;
    }

    @Test
    void aPollFromATenthOfASecondToAnHourIsAccepted() {
        assertThatCode(() -> of(100).check()).doesNotThrowAnyException();
        assertThatCode(() -> of(3_600_000).check()).doesNotThrowAnyException();
        assertThat(of(10_000).safetyPollMillis()).isEqualTo(10_000);
    }

    @Test
    void aPollThatWouldSpinOrNeverComeStopsTheStartNamingTheSetting() {
        // 0 would poll without pause (the idle cost back), a negative value or days would leave lost work behind
        for (long bad : new long[] {0, -1, 99, 3_600_001}) {
            assertThatThrownBy(() -> of(bad).check())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("registry.wake.safety-poll-ms");
        }
    }
}
