package org.modelregistry.application.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.domain.deployment.CircuitBreaker;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * The deployments' settings ({@code registry.deployments.*}): report timeout, the targets' circuit breakers, and how
 * old a CI system's event may be.
 */
@ApplicationScoped
public class DeploymentSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.deployments.report-timeout-minutes", defaultValue = "60")
    int reportTimeoutMinutes;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.window", defaultValue = "10")
    int circuitWindow;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.minimum-calls", defaultValue = "4")
    int circuitMinimumCalls;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.failure-ratio", defaultValue = "0.5")
    double circuitFailureRatio;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.delay-seconds", defaultValue = "30")
    int circuitDelaySeconds;

    @Inject
    @ConfigProperty(name = "registry.deployments.ci-events.max-age-hours", defaultValue = "72")
    int ciEventMaxAgeHours;

    /** A CI event whose signed body says it happened longer ago than this is refused (a replay of an old one). */
    public Duration ciEventMaxAge() {
        return Duration.ofHours(ciEventMaxAgeHours);
    }

    /** A deployment whose target has not reported SUCCEEDED or FAILED by then is FAILED by the registry. */
    public int reportTimeoutMinutes() {
        return reportTimeoutMinutes;
    }

    /** A new circuit breaker for one deployment target (registry.deployments.circuit.*). */
    public CircuitBreaker newCircuitBreaker() {
        return new CircuitBreaker(
                circuitWindow, circuitMinimumCalls, circuitFailureRatio, Duration.ofSeconds(circuitDelaySeconds));
    }

    /** The breaker's values are refused at start, not at the first deployment. */
    @Override
    public void check() {
        try {
            newCircuitBreaker();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "registry.deployments.circuit.window, .minimum-calls, .failure-ratio: " + e.getMessage(), e);
        }
        if (circuitDelaySeconds < 0) {
            throw new IllegalArgumentException("registry.deployments.circuit.delay-seconds must not be negative");
        }
        if (ciEventMaxAgeHours < 1) {
            throw new IllegalArgumentException("registry.deployments.ci-events.max-age-hours must be at least 1");
        }
        if (reportTimeoutMinutes < 1) {
            throw new IllegalArgumentException("registry.deployments.report-timeout-minutes must be at least 1");
        }
    }
}
