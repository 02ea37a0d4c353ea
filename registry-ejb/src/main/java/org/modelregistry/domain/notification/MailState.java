package org.modelregistry.domain.notification;

/**
 * Where a mail stands: PENDING until the SMTP server takes it (SENT) or the last failed attempt makes it DEAD. Only
 * PENDING moves ({@link MailMessage}); the two end states are final.
 */
public enum MailState {
    PENDING,
    SENT,
    DEAD
}
