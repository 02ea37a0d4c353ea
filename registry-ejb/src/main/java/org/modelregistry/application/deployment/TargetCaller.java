package org.modelregistry.application.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.modelregistry.domain.deployment.CallOutcome;
import org.modelregistry.domain.deployment.CircuitBreaker;
import org.modelregistry.domain.shared.WebhookCall;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundException;
import org.modelregistry.infrastructure.http.OutboundException.Failure;

/**
 * Calls deployment targets through the {@link OutboundClient} (outbound host policy, answers read up to a bound)
 * under MicroProfile Fault Tolerance: a timeout per call, retries with jitter on errors,
 * 5xx, 408/429 and timeouts, a bulkhead bounding concurrent calls, and a circuit breaker per target
 * ({@link TargetCircuits}). Every call is recorded, whatever its outcome. The values can be tuned through
 * MicroProfile Config ({@code org.modelregistry.application.deployment.TargetCaller/call/Retry/maxRetries=...}).
 */
@ApplicationScoped
public class TargetCaller {

    /** The target answered 2xx. */
    public record Accepted(int status) {}

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

    @Inject
    OutboundClient http;

    @Inject
    TargetCircuits circuits;

    @Inject
    DeploymentCallLog log;

    /**
     * What is recorded of a call ({@code calls[].detail}) is its status or a fixed phrase, never what the target
     * answered or an exception's text: a target URL points wherever an organization ADMIN chose, and its answer must
     * not become a way to read an internal service through the registry.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 2,
            delay = 500,
            jitter = 250,
            retryOn = {TransientCallException.class, TimeoutException.class},
            abortOn = {RejectedCallException.class, CircuitOpenException.class})
    @Bulkhead(8)
    public Accepted call(UUID deploymentId, UUID targetId, int attempt, WebhookCall call) {
        CircuitBreaker breaker = circuits.of(targetId);
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        long t0 = System.nanoTime();
        if (!breaker.tryAcquire(t0)) {
            log.record(
                    deploymentId,
                    attempt,
                    started,
                    0,
                    CallOutcome.CIRCUIT_OPEN,
                    null,
                    "the target's circuit breaker is open");
            throw new CircuitOpenException("the circuit breaker of the target is open after repeated failures");
        }
        OutboundClient.Answer answer;
        try {
            answer = http.post(call.uri(), call.headers(), call.body(), HTTP_BACKSTOP);
        } catch (OutboundException e) {
            boolean interrupted = Thread.interrupted(); // the Fault Tolerance timeout; record it before leaving
            RuntimeException failure = failed(deploymentId, attempt, started, t0, breaker, e.failure());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
        int status = answer.status();
        String detail = "HTTP " + status + (answer.tooLarge() ? "; answer too large, not read" : "");
        if (status >= 200 && status < 300) {
            breaker.onSuccess();
            log.record(deploymentId, attempt, started, millis(t0), CallOutcome.ACCEPTED, status, detail);
            return new Accepted(status);
        }
        if (status >= 500 || status == 408 || status == 429) {
            breaker.onFailure(System.nanoTime());
            log.record(deploymentId, attempt, started, millis(t0), CallOutcome.ERROR, status, detail);
            throw new TransientCallException("the target answered HTTP " + status);
        }
        // a refusal says the target is up: it does not count against the breaker
        breaker.onSuccess();
        log.record(deploymentId, attempt, started, millis(t0), CallOutcome.REJECTED, status, detail);
        throw new RejectedCallException("the target refused the call: HTTP " + status);
    }

    /** Records a call that got no answer; returns what to throw (a refusal, or worth another try). */
    private RuntimeException failed(
            UUID deploymentId, int attempt, OffsetDateTime started, long t0, CircuitBreaker breaker, Failure failure) {
        if (failure == Failure.NOT_ALLOWED) { // the target's address is refused by policy: no retry will help
            log.record(deploymentId, attempt, started, millis(t0), CallOutcome.REJECTED, null, failure.phrase());
            return new RejectedCallException(
                    "the target's address is not allowed by the outbound policy" + " (registry.outbound.allow)");
        }
        breaker.onFailure(System.nanoTime());
        boolean timeout = failure == Failure.TIMEOUT;
        log.record(
                deploymentId,
                attempt,
                started,
                millis(t0),
                timeout ? CallOutcome.TIMEOUT : CallOutcome.ERROR,
                null,
                failure.phrase());
        return new TransientCallException(
                timeout ? "the target did not answer in time" : "the target could not be reached: " + failure.phrase());
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
