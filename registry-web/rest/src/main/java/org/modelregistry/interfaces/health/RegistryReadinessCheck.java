package org.modelregistry.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

/**
 * What {@code /health/ready} shows anyone who asks: one check, {@code registry}, UP when the database, the broker
 * and the artifact store are, the cluster member runs and the warm-up has run, with no names, versions, members or
 * error text of what lies behind it (Liberty serves /health without authentication). Orchestrators need only the
 * status (200 or 503); administrators read the details, the cluster's members among them, at
 * {@code GET /api/v1/system/readiness} and {@code GET /api/v1/admin/cluster}, and a change of state is logged with
 * them.
 */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RegistryReadinessCheck.class.getName());

    @Inject
    DatabaseReadinessCheck database;

    @Inject
    BrokerReadinessCheck broker;

    @Inject
    ClusterReadinessCheck cluster;

    @Inject
    StorageReadinessCheck storage;

    @Inject
    RolesReadinessCheck roles;

    @Inject
    WarmupReadinessCheck warmup;

    private volatile Boolean lastUp;

    /** The checks with their details. */
    public List<HealthCheckResponse> details() {
        return List.of(database.call(), broker.call(), storage.call(), cluster.call(), roles.call(), warmup.call());
    }

    @Override
    public HealthCheckResponse call() {
        List<HealthCheckResponse> checks = details();
        boolean up = checks.stream().allMatch(c -> c.getStatus() == Status.UP);
        Boolean before = lastUp;
        lastUp = up;
        if (before == null || before != up) {
            LOG.info(() -> "readiness is " + (up ? "UP" : "DOWN") + ": " + describe(checks));
        }
        return HealthCheckResponse.named("registry").status(up).build();
    }

    private static String describe(List<HealthCheckResponse> checks) {
        StringBuilder b = new StringBuilder();
        for (HealthCheckResponse c : checks) {
            b.append(b.length() == 0 ? "" : ", ")
                    .append(c.getName())
                    .append(' ')
                    .append(c.getStatus())
                    .append(c.getData().map(Object::toString).orElse(""));
        }
        return b.toString();
    }
}
