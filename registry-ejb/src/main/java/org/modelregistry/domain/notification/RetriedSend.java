package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.Uuid7;

/**
 * What webhook deliveries and mails share: an id, when it was made, how many attempts were claimed and when the next
 * one is due. A sender {@link #claim claims} an attempt before making it, so that several servers share the work
 * without making one attempt twice at once; only a pending one can be claimed or rescheduled.
 */
@MappedSuperclass
public abstract class RetriedSend {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected RetriedSend() {
        // for JPA
    }

    /** A new one, due now. */
    protected RetriedSend(OffsetDateTime now) {
        this.id = Uuid7.next();
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    public abstract boolean isPending();

    /**
     * @throws org.modelregistry.api.problem.TransitionNotAllowedException unless pending
     */
    protected abstract void requirePending(String to);

    /** Takes the next attempt: counted now, and held for this sender for {@link RetryPolicy#CLAIM}. */
    public void claim(OffsetDateTime now) {
        requirePending("PENDING");
        attempts++;
        nextAttemptAt = now.plus(RetryPolicy.CLAIM);
    }

    /** The next attempt is due at {@code next}. */
    protected void reschedule(OffsetDateTime next) {
        requirePending("PENDING");
        nextAttemptAt = next;
    }

    public UUID getId() {
        return id;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
