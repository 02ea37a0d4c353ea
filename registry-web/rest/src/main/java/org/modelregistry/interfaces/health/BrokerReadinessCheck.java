package org.modelregistry.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Ready when the message broker (the embedded Artemis of the run command, or REGISTRY_JMS_HOST's) accepts a JMS
 * connection through the resource adapter and answers a queue browse within {@value #TIMEOUT_MS} ms. While a broker
 * is away the resource adapter may keep retrying to connect for longer; the check then answers DOWN at the
 * deadline instead of hanging the probe, and the next probes wait for that one attempt rather than start more; an
 * attempt still hanging after {@value #MAX_ATTEMPT_MS} ms is cancelled and a new one starts, and an answer that came
 * after its probe gave up is not reported. Part of {@link RegistryReadinessCheck}: its details are for
 * administrators only.
 */
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    static final long TIMEOUT_MS = 2_000;
    /** An attempt older than this is given up (cancelled) and a new one starts. */
    static final long MAX_ATTEMPT_MS = 30_000;

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Resource
    ManagedExecutorService executor;

    private Future<String> pending;
    private long pendingSince;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        Future<String> attempt = attempt();
        try {
            String error = attempt.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            done(attempt);
            return error == null
                    ? response.up().withData("provider", "ActiveMQ Artemis").build()
                    : response.down().withData("error", error).build();
        } catch (TimeoutException e) {
            return response.down()
                    .withData("error", "no answer from the broker within " + TIMEOUT_MS + " ms")
                    .build();
        } catch (ExecutionException e) {
            done(attempt);
            return response.down()
                    .withData("error", String.valueOf(e.getCause()))
                    .build();
        } catch (CancellationException e) {
            done(attempt);
            return response.down()
                    .withData("error", "the previous attempt was given up")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** The attempt under way, or a new one: probes never pile up attempts behind a hanging connect. */
    private synchronized Future<String> attempt() {
        long now = System.nanoTime();
        if (pending != null
                && !pending.isDone()
                && now - pendingSince > TimeUnit.MILLISECONDS.toNanos(MAX_ATTEMPT_MS)) {
            pending.cancel(true); // stuck (a half-open connection): give it up and try again
            pending = null;
        }
        if (pending != null && pending.isDone() && now - pendingSince > TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS)) {
            pending = null; // an answer that came after its probe gave up is too old to report
        }
        if (pending == null) {
            pending = executor.submit(this::browse);
            pendingSince = now;
        }
        return pending;
    }

    private synchronized void done(Future<String> attempt) {
        if (pending == attempt) {
            pending = null;
        }
    }

    /** A round trip: a pooled connection to a broker that went away fails here, not only at the next send. */
    private String browse() {
        try (JMSContext context = connections.createContext()) {
            try (var browser = context.createBrowser(context.createQueue("registry.evaluations"))) {
                browser.getEnumeration();
            }
            return null;
        } catch (RuntimeException | JMSException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
