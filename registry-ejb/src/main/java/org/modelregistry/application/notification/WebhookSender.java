package org.modelregistry.application.notification;

/**
 * Sends one webhook delivery attempt: a signed POST of the event. Retries are not made by the sender but scheduled
 * by {@link WebhookDispatcher} (exponential back-off with jitter), so that a receiver that is down holds no thread.
 */
public interface WebhookSender {

    /** What came back: an HTTP status, or none and an error. */
    record Outcome(Integer status, String error, long millis) {

        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /**
     * Sends one attempt. The outcome's error is the status or a fixed phrase, never the receiver's answer or an
     * exception's text (docs/security.md: a delivery log must not let anyone read an internal service).
     *
     * @throws RuntimeException when the attempt could not even start (too many at once, timed out)
     */
    Outcome send(String url, String secret, String deliveryId, String eventType, String payload);
}
