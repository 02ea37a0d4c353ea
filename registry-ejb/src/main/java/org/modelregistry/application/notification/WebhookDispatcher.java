package org.modelregistry.application.notification;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.domain.notification.ClaimedDelivery;
import org.modelregistry.domain.notification.RetryPolicy;
import org.modelregistry.domain.notification.WebhookDelivery;
import org.modelregistry.domain.notification.WebhookDeliveryAttempt;
import org.modelregistry.domain.notification.WebhookDeliveryRepository;
import org.modelregistry.infrastructure.security.SecretBox;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Sends the due webhook deliveries: claims up to {@link #SENDS_PER_TICK} (each claim in a transaction of its own),
 * sends them in parallel through the {@link WebhookSender}, and records each attempt and what it made of the
 * delivery (DELIVERED, scheduled again, or DEAD) in a transaction per delivery.
 */
@Stateless
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    /** The sender's bulkhead. */
    static final int SENDS_PER_TICK = 16;

    @Resource
    ManagedExecutorService executor;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    SecretKeys secrets;

    @Inject
    NotificationSettings settings;

    @EJB
    WebhookDispatcher self;

    @EJB
    JobMetrics metrics;

    /** Sends what is due and waits for every send to be recorded. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void deliverDue() {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (ClaimedDelivery d : self.claim(SENDS_PER_TICK)) {
            sends.add(CompletableFuture.runAsync(
                    () -> {
                        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
                        self.record(d, started, send(d));
                    },
                    executor));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    private WebhookSender.Outcome send(ClaimedDelivery d) {
        if (d.secret() == null) {
            return new WebhookSender.Outcome(null, "the signing secret cannot be decrypted", 0);
        }
        try {
            return sender.send(d.url(), d.secret(), d.id(), d.eventType(), d.payload());
        } catch (RuntimeException e) { // bulkhead full, timeout: a fixed phrase is stored, not the exception
            return new WebhookSender.Outcome(null, "not sent: too many deliveries at once or timed out", 0);
        }
    }

    /** When the next delivery falls due (a retry, or a claim whose sender vanished). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<OffsetDateTime> nextDue() {
        return deliveries.nextDue();
    }

    /** Claims due deliveries for two minutes, their secrets opened (null when one cannot be). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<ClaimedDelivery> claim(int max) {
        return deliveries.claimDue(max).stream().map(this::open).toList();
    }

    private ClaimedDelivery open(ClaimedDelivery d) {
        try {
            return d.withSecret(
                    secrets.open(d.secret(), d.secretsSealed(), "webhook_subscription", "secret", d.subscription()));
        } catch (SecretBox.UnreadableSecretException e) {
            LOG.warning(e.getMessage());
            return d.withSecret(null); // recorded as a failed attempt, the others are still sent
        }
    }

    /** Logs the attempt and moves the delivery on: DELIVERED on a 2xx, else due again later or DEAD. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(ClaimedDelivery claimed, OffsetDateTime started, WebhookSender.Outcome outcome) {
        deliveries.addAttemptIfAbsent(new WebhookDeliveryAttempt(
                claimed.deliveryId(), claimed.attempt(), started, outcome.millis(), outcome.status(), outcome.error()));
        WebhookDelivery delivery = deliveries.find(claimed.deliveryId()).orElseThrow();
        if (!delivery.isPending()) {
            return; // another server finished it after our claim had run out
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (outcome.delivered()) {
            delivery.delivered(now);
        } else {
            delivery.attemptFailed(settings.retryPolicy(), now);
        }
        metrics.finished(
                "webhook",
                RetryPolicy.outcome(delivery.isPending(), delivery.getState()),
                Duration.ofMillis(outcome.millis()));
    }
}
