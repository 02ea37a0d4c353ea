package org.modelregistry.application.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.modelregistry.domain.deployment.CircuitBreaker;

/** One circuit breaker per deployment target, in this server (each server judges the targets it calls). */
@ApplicationScoped
public class TargetCircuits {

    private final Map<UUID, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    @Inject
    DeploymentSettings settings;

    public CircuitBreaker of(UUID targetId) {
        return breakers.computeIfAbsent(targetId, id -> settings.newCircuitBreaker());
    }

    /** A changed target (new URL, re-enabled) starts with a closed breaker. */
    public void reset(UUID targetId) {
        breakers.remove(targetId);
    }
}
