package org.modelregistry.application.warmup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarmupSettingsTest {

    private static WarmupSettings settings(long budgetMillis, int rounds) {
        WarmupSettings s = new WarmupSettings();
        s.enabled = true;
        s.budgetMillis = budgetMillis;
        s.rounds = rounds;
        return s;
    }

    @Test
    void theDefaultsAndTheBoundsAreAccepted() {
        assertThatCode(() -> settings(8_000, 1_500).check()).doesNotThrowAnyException();
        assertThatCode(() -> settings(0, 1).check()).doesNotThrowAnyException();
        assertThatCode(() -> settings(WarmupSettings.MAX_BUDGET_MS, WarmupSettings.MAX_ROUNDS)
                        .check())
                .doesNotThrowAnyException();
    }

    @Test
    void aBudgetOutOfRangeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings(-1, 10).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.warmup.budget-ms")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> settings(WarmupSettings.MAX_BUDGET_MS + 1, 10).check())
                .hasMessageContaining("registry.warmup.budget-ms");
    }

    @Test
    void roundsOutOfRangeStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings(1_000, 0).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.warmup.rounds");
        assertThatThrownBy(() -> settings(1_000, WarmupSettings.MAX_ROUNDS + 1).check())
                .hasMessageContaining("registry.warmup.rounds");
    }
}
