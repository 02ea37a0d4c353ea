package org.modelregistry.application.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {

    private static DeploymentSettings settings(int window, int minimumCalls, double ratio, int delay, int timeout) {
        DeploymentSettings s = new DeploymentSettings();
        s.circuitWindow = window;
        s.circuitMinimumCalls = minimumCalls;
        s.circuitFailureRatio = ratio;
        s.circuitDelaySeconds = delay;
        s.reportTimeoutMinutes = timeout;
        s.ciEventMaxAgeHours = 72;
        return s;
    }

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> settings(10, 4, 0.5, 30, 60).check()).doesNotThrowAnyException();
    }

    @Test
    void aMalformedBreakerIsRefusedNamingItsKeys() {
        assertThatThrownBy(() -> settings(2, 4, 0.5, 30, 60).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.deployments.circuit.window, .minimum-calls, .failure-ratio: ");
        assertThatThrownBy(() -> settings(10, 4, 1.5, 30, 60).check())
                .hasMessageStartingWith("registry.deployments.circuit.");
        assertThatThrownBy(() -> settings(10, 4, 0.5, -1, 60).check())
                .hasMessage("registry.deployments.circuit.delay-seconds must not be negative");
    }

    @Test
    void aReportTimeoutBelowOneMinuteIsRefused() {
        assertThatThrownBy(() -> settings(10, 4, 0.5, 30, 0).check())
                .hasMessage("registry.deployments.report-timeout-minutes must be at least 1");
    }

    @Test
    void aCiEventMaxAgeBelowOneHourIsRefused() {
        DeploymentSettings s = settings(10, 4, 0.5, 30, 60);
        s.ciEventMaxAgeHours = 0;
        assertThatThrownBy(s::check).hasMessage("registry.deployments.ci-events.max-age-hours must be at least 1");
        s.ciEventMaxAgeHours = 24;
        assertThatCode(s::check).doesNotThrowAnyException();
        assertThat(s.ciEventMaxAge()).isEqualTo(Duration.ofHours(24));
    }
}
