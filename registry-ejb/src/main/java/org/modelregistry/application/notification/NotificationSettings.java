package org.modelregistry.application.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.domain.notification.RetryPolicy;
import org.modelregistry.infrastructure.config.CheckedSettings;

/** How webhook deliveries and mails are retried ({@code registry.notifications.*}). */
@ApplicationScoped
public class NotificationSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.notifications.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "registry.notifications.retry-base-ms", defaultValue = "2000")
    long retryBaseMs;

    /** How often a webhook delivery or a mail is tried before it is given up (DEAD). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The first retry's delay; each next one doubles it (with jitter), up to an hour. */
    public Duration retryBase() {
        return Duration.ofMillis(retryBaseMs);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryBase());
    }

    @Override
    public void check() {
        if (maxAttempts < 1 || retryBaseMs < 0) {
            throw new IllegalArgumentException("registry.notifications.max-attempts must be at least 1,"
                    + " registry.notifications.retry-base-ms not negative");
        }
    }
}
