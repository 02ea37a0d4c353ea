package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt of a webhook delivery, kept for the delivery log: its HTTP status, or an error that is a fixed phrase
 * (never the receiver's answer or an exception's text, docs/security.md), and how long it took. Written once.
 */
@Entity
@Table(name = "webhook_delivery_attempt")
@IdClass(WebhookDeliveryAttempt.Key.class)
@NamedNativeQuery(
        name = "WebhookDeliveryAttempt.insertIfAbsent",
        query = "INSERT INTO webhook_delivery_attempt (delivery_id, attempt, started_at, duration_ms, http_status,"
                + " error) VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
@NamedQuery(
        name = "WebhookDeliveryAttempt.findByDeliveries",
        query = "SELECT a FROM WebhookDeliveryAttempt a WHERE a.deliveryId IN :deliveryIds ORDER BY a.attempt")
public class WebhookDeliveryAttempt {

    /** Errors are cut to this length: a bounded log entry. */
    public static final int MAX_ERROR = 2000;

    @Id
    @Column(name = "delivery_id", nullable = false, updatable = false)
    private UUID deliveryId;

    @Id
    @Column(name = "attempt", nullable = false, updatable = false)
    private int attempt;

    @Column(name = "started_at", nullable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    private int durationMs;

    @Column(name = "http_status", updatable = false)
    private Integer httpStatus;

    @Column(name = "error", updatable = false)
    private String error;

    protected WebhookDeliveryAttempt() {
        // for JPA
    }

    public WebhookDeliveryAttempt(
            UUID deliveryId, int attempt, OffsetDateTime startedAt, long millis, Integer httpStatus, String error) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.startedAt = startedAt;
        this.durationMs = (int) Math.min(millis, Integer.MAX_VALUE);
        this.httpStatus = httpStatus;
        this.error = truncate(error);
    }

    /** Cuts a stored error to {@link #MAX_ERROR} characters; null stays null. */
    public static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    public UUID getDeliveryId() {
        return deliveryId;
    }

    public int getAttempt() {
        return attempt;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public int getDurationMs() {
        return durationMs;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public String getError() {
        return error;
    }

    /** The primary key: delivery and attempt number. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private UUID deliveryId;
        private int attempt;

        public Key() {
            // for JPA
        }

        public Key(UUID deliveryId, int attempt) {
            this.deliveryId = deliveryId;
            this.attempt = attempt;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.attempt == attempt && Objects.equals(k.deliveryId, deliveryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deliveryId, attempt);
        }
    }
}
