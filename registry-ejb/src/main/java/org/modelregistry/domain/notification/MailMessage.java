package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.modelregistry.api.problem.TransitionNotAllowedException;

/**
 * One mail of one event to one address ({@code UNIQUE (event_seq, recipient)}). PENDING until the SMTP server takes
 * it ({@link #sent}) or, after the last failed attempt, {@link #dead}; each attempt is {@link #claim claimed} first,
 * in bulk by {@code MailMessage.claimDue}, which does in SQL what {@link #claim} does to one mail. The last SMTP
 * error is kept.
 */
@Entity
@Table(name = "mail_message")
@NamedNativeQuery(
        name = "MailMessage.insertIfAbsent",
        query = "INSERT INTO mail_message (id, event_seq, recipient, subject, body, state, next_attempt_at, created_at)"
                + " VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
@NamedNativeQuery(
        name = "MailMessage.claimDue",
        query = "UPDATE mail_message SET attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes' WHERE"
                + " id IN (SELECT id FROM mail_message WHERE state = 'PENDING' AND next_attempt_at <= now() ORDER BY"
                + " next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *",
        resultClass = MailMessage.class)
@NamedNativeQuery(
        name = "MailMessage.reviewersOfModel",
        query = "SELECT DISTINCT u.email FROM app_user u JOIN membership ms ON ms.user_id = u.id JOIN model mo ON"
                + " mo.organization_id = ms.organization_id WHERE mo.id = CAST(? AS uuid) AND ms.role = 'REVIEWER'"
                + " AND u.active AND u.email IS NOT NULL")
@NamedNativeQuery(
        name = "MailMessage.ownersOfModel",
        query = "SELECT DISTINCT u.email FROM app_user u JOIN model_owner mo ON mo.owner = u.username WHERE"
                + " mo.model_id = CAST(? AS uuid) AND u.active AND u.email IS NOT NULL")
public class MailMessage extends RetriedSend {

    @Column(name = "event_seq", nullable = false, updatable = false)
    private long eventSeq;

    @Column(name = "recipient", nullable = false, updatable = false, length = 320)
    private String recipient;

    @Column(name = "subject", nullable = false, updatable = false, length = 998)
    private String subject;

    @Column(name = "body", nullable = false, updatable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private MailState state;

    @Column(name = "last_error")
    private String lastError;

    /** When the mail was finished: sent, or given up (the column has held both since V15). */
    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    protected MailMessage() {
        // for JPA
    }

    private MailMessage(OffsetDateTime now) {
        super(now);
    }

    /** A new mail of the event to one address, due now. */
    public static MailMessage of(long eventSeq, String recipient, String subject, String body, OffsetDateTime now) {
        MailMessage m = new MailMessage(now);
        m.eventSeq = eventSeq;
        m.recipient = recipient;
        m.subject = subject;
        m.body = body;
        m.state = MailState.PENDING;
        return m;
    }

    /** The SMTP server took the mail. */
    public void sent(OffsetDateTime now) {
        requirePending(MailState.SENT.name());
        state = MailState.SENT;
        sentAt = now;
    }

    /** The attempt failed with {@code error}; another one is due at {@code next}. */
    public void fail(String error, OffsetDateTime next) {
        reschedule(next);
        lastError = WebhookDeliveryAttempt.truncate(error);
    }

    /** The last attempt failed with {@code error}: the mail is given up. */
    public void dead(String error, OffsetDateTime now) {
        requirePending(MailState.DEAD.name());
        lastError = WebhookDeliveryAttempt.truncate(error);
        state = MailState.DEAD;
        sentAt = now;
    }

    /** A failed attempt: scheduled again by the policy, or given up after the last one. */
    public void attemptFailed(String error, RetryPolicy retries, OffsetDateTime now) {
        retries.nextAttempt(getAttempts(), now).ifPresentOrElse(next -> fail(error, next), () -> dead(error, now));
    }

    @Override
    protected void requirePending(String to) {
        if (state != MailState.PENDING) {
            throw new TransitionNotAllowedException(
                    state.name(), to, List.of(), "the mail " + getId() + " is finished");
        }
    }

    @Override
    public boolean isPending() {
        return state == MailState.PENDING;
    }

    public long getEventSeq() {
        return eventSeq;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public MailState getState() {
        return state;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getSentAt() {
        return sentAt;
    }
}
