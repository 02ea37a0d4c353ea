package org.modelregistry.application.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.modelregistry.domain.shared.Signatures;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundException;

/**
 * Sends one webhook delivery: a signed POST of the event through the {@link OutboundClient} (outbound host policy,
 * answers read up to a bound), under a MicroProfile Fault Tolerance timeout and bulkhead.
 * Retries are not made here but scheduled by {@code NotificationRelay} (exponential back-off with jitter), so that
 * a receiver that is down does not hold a thread (how long it may stay down: registry.notifications.*).
 */
@ApplicationScoped
public class WebhookSender {

    /** What came back: an HTTP status, or none and an error. */
    public record Outcome(Integer status, String error, long millis) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Inject
    OutboundClient http;

    /**
     * Sends one delivery. The outcome's error is the status or a fixed phrase, never the receiver's answer or an
     * exception's text (docs/security.md: a delivery log must not let anyone read an internal service).
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Bulkhead(16)
    public Outcome send(String url, String secret, String deliveryId, String eventType, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "model-registry");
        headers.put("Idempotency-Key", deliveryId);
        headers.put("X-Registry-Event", eventType);
        headers.put(Signatures.HEADER, Signatures.header(secret, System.currentTimeMillis() / 1000, body));
        try {
            OutboundClient.Answer answer = http.post(URI.create(url), headers, body, Duration.ofSeconds(30));
            int status = answer.status();
            return new Outcome(
                    status,
                    status >= 200 && status < 300 ? null : "HTTP " + status,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (OutboundException e) {
            Thread.interrupted(); // the Fault Tolerance timeout, if it was one: the outcome is recorded after this
            return new Outcome(null, e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
