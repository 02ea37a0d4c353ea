package org.modelregistry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.modelregistry.domain.deployment.CircuitBreaker;
import org.modelregistry.domain.deployment.WebhookCall;

/**
 * Calls deployment targets under MicroProfile Fault Tolerance: a timeout per call, retries with jitter on errors,
 * 5xx, 408/429 and timeouts, a bulkhead bounding concurrent calls, and a circuit breaker per target
 * ({@link TargetCircuits}). Every call is recorded, whatever its outcome. The values can be tuned through
 * MicroProfile Config ({@code org.modelregistry.application.TargetCaller/call/Retry/maxRetries=...}).
 */
@ApplicationScoped
public class TargetCaller {

    /** The target answered 2xx. */
    public record Accepted(int status, String body) {
    }

    /** Worth another try: a network error, a 5xx, 408 or 429. */
    public static class TransientCallException extends RuntimeException {
        public TransientCallException(String message) {
            super(message);
        }
    }

    /** The target refused the call (4xx): retrying will not help. */
    public static class RejectedCallException extends RuntimeException {
        public RejectedCallException(String message) {
            super(message);
        }
    }

    /** The target's circuit breaker is open: no call was made. */
    public static class CircuitOpenException extends RuntimeException {
        public CircuitOpenException(String message) {
            super(message);
        }
    }

    private static final Duration HTTP_BACKSTOP = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    TargetCircuits circuits;

    @Inject
    DeploymentCallLog log;

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = {TransientCallException.class, TimeoutException.class},
            abortOn = {RejectedCallException.class, CircuitOpenException.class})
    @Bulkhead(8)
    public Accepted call(UUID deploymentId, UUID targetId, int attempt, WebhookCall call) {
        CircuitBreaker breaker = circuits.of(targetId);
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        long t0 = System.nanoTime();
        if (!breaker.tryAcquire(t0)) {
            log.record(deploymentId, attempt, started, 0, "CIRCUIT_OPEN", null, "the target's circuit breaker is open");
            throw new CircuitOpenException("the circuit breaker of the target is open after repeated failures");
        }
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(HTTP_BACKSTOP)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach(request::header);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException | HttpTimeoutException e) {
            boolean interrupted = Thread.interrupted(); // the Fault Tolerance timeout; record it before leaving
            breaker.onFailure(System.nanoTime());
            log.record(deploymentId, attempt, started, millis(t0), "TIMEOUT", null, "no answer in time");
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new TransientCallException("the target did not answer in time");
        } catch (IOException e) {
            breaker.onFailure(System.nanoTime());
            log.record(deploymentId, attempt, started, millis(t0), "ERROR", null, e.toString());
            throw new TransientCallException("the target could not be reached: " + e);
        } catch (RuntimeException e) { // a request that cannot be built or sent: recorded, and the breaker told
            breaker.onFailure(System.nanoTime());
            log.record(deploymentId, attempt, started, millis(t0), "ERROR", null, e.toString());
            throw new RejectedCallException("the call could not be made: " + e.getMessage());
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String excerpt = body.length() > 500 ? body.substring(0, 500) : body;
        if (status >= 200 && status < 300) {
            breaker.onSuccess();
            log.record(deploymentId, attempt, started, millis(t0), "ACCEPTED", status, excerpt);
            return new Accepted(status, excerpt);
        }
        if (status >= 500 || status == 408 || status == 429) {
            breaker.onFailure(System.nanoTime());
            log.record(deploymentId, attempt, started, millis(t0), "ERROR", status, excerpt);
            throw new TransientCallException("the target answered HTTP " + status);
        }
        // a refusal says the target is up: it does not count against the breaker
        breaker.onSuccess();
        log.record(deploymentId, attempt, started, millis(t0), "REJECTED", status, excerpt);
        throw new RejectedCallException("the target refused the call: HTTP " + status + " (its answer is in the calls)");
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
