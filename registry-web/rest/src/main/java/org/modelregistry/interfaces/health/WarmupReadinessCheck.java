package org.modelregistry.interfaces.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.modelregistry.application.warmup.Warmup;

/**
 * Ready once the warm-up ran (or ran out of its time budget, or is off): until then the server's hot paths are not
 * compiled and its first users would wait for the JIT (docs/performance.md, "Warm before ready"). Part of {@link
 * RegistryReadinessCheck}: its details are for administrators only. Liveness does not wait for it.
 */
@ApplicationScoped
public class WarmupReadinessCheck implements HealthCheck {

    @EJB
    Warmup warmup;

    @Override
    public HealthCheckResponse call() {
        Warmup.State state = warmup.state();
        return HealthCheckResponse.named("warmup")
                .status(state != Warmup.State.WARMING)
                .withData("state", state.name())
                .withData("summary", warmup.summary())
                .build();
    }
}
