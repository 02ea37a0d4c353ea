package org.modelregistry.infrastructure.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdmissionSettingsTest {

    @Test
    void theDefaultShareIsHalfTheLimit() {
        AdmissionSettings s = settings(64, 0, 16, 1);
        s.check();
        assertThat(s.maxPerPrincipal()).isEqualTo(32);
        assertThat(settings(1, 0, 1, 1).maxPerPrincipal()).isEqualTo(1);
        assertThat(settings(10, 4, 1, 1).maxPerPrincipal()).isEqualTo(4);
    }

    @Test
    void aBadValueStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings(0, 0, 1, 1).check())
                .hasMessageContaining("registry.admission.max-concurrent");
        assertThatThrownBy(() -> settings(4, 5, 1, 1).check())
                .hasMessageContaining("registry.admission.max-per-principal");
        assertThatThrownBy(() -> settings(4, -1, 1, 1).check())
                .hasMessageContaining("registry.admission.max-per-principal");
        assertThatThrownBy(() -> settings(4, 0, 0, 1).check()).hasMessageContaining("registry.admission.max-transfers");
        assertThatThrownBy(() -> settings(4, 0, 1, 0).check())
                .hasMessageContaining("registry.admission.retry-after-seconds");
    }

    private static AdmissionSettings settings(int max, int perPrincipal, int transfers, int retryAfter) {
        AdmissionSettings s = new AdmissionSettings();
        s.maxConcurrent = max;
        s.maxPerPrincipal = perPrincipal;
        s.maxTransfers = transfers;
        s.retryAfterSeconds = retryAfter;
        return s;
    }
}
