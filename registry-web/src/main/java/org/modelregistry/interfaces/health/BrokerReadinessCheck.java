package org.modelregistry.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the message broker (the embedded Artemis of the run command, or REGISTRY_JMS_HOST's) accepts a JMS
 * connection through the resource adapter.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        try (JMSContext context = connections.createContext()) {
            // a round trip: a pooled connection to a broker that went away fails here, not only at the next send
            try (var browser = context.createBrowser(context.createQueue("registry.evaluations"))) {
                browser.getEnumeration();
            }
            return response.up().withData("provider", "ActiveMQ Artemis").build();
        } catch (RuntimeException | jakarta.jms.JMSException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
