package org.modelregistry.infrastructure.http;

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
import org.modelregistry.application.notification.WebhookSender;
import org.modelregistry.domain.shared.Signatures;

/**
 * Sends one webhook delivery: a signed POST of the event through the {@link OutboundClient} (outbound host policy,
 * answers read up to a bound), under a MicroProfile Fault Tolerance timeout and bulkhead, whose values are overridden
 * with keys naming this class ({@code org.modelregistry.infrastructure.http.HttpWebhookSender/send/Timeout/value},
 * docs/configuration.md). How long a receiver may stay down: registry.notifications.*.
 */
@ApplicationScoped
public class HttpWebhookSender implements WebhookSender {

    @Inject
    OutboundClient http;

    @Override
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
