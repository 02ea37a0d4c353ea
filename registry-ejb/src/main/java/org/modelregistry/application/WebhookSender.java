package org.modelregistry.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.modelregistry.domain.deployment.Signatures;

/**
 * Sends one webhook delivery: a signed POST of the event, under a MicroProfile Fault Tolerance timeout and bulkhead.
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Bulkhead(16)
    public Outcome send(String url, String secret, String deliveryId, String eventType, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("User-Agent", "model-registry").header("Idempotency-Key", deliveryId)
                    .header("X-Registry-Event", eventType).header(Signatures.HEADER,
                            Signatures.header(secret, System.currentTimeMillis() / 1000, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), response.statusCode() < 300 ? null
                    : "HTTP " + response.statusCode(), (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.interrupted();
            return new Outcome(null, "no answer in time", (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, e.toString(), (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
