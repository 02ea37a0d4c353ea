package org.modelregistry.interfaces.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CommitSignals;

/**
 * Who runs what: the cluster roles this server holds ({@code roles}, comma-separated, empty when another server has
 * them) and whether it listens to commit signals ({@code listening}). Always UP: a server without its listener still
 * serves, finding work with its safety polls. Part of {@link RegistryReadinessCheck}: its details are for
 * administrators only.
 */
@ApplicationScoped
public class RolesReadinessCheck implements HealthCheck {

    @EJB
    CommitSignals signals;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("roles")
                .up()
                .withData(
                        "roles", signals.roles().stream().map(ClusterRole::name).collect(Collectors.joining(",")))
                .withData("listening", signals.listening())
                .build();
    }
}
