package org.modelregistry.domain.jobs;

import java.util.Objects;
import java.util.UUID;

/**
 * One job taken from its outbox for publishing: its id and the attempt (a job put back after its worker's lease ran
 * out is a new attempt, so the broker's duplicate detection does not drop its new message).
 */
public record JobTicket(UUID id, int attempt) {

    public JobTicket {
        Objects.requireNonNull(id, "id");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt " + attempt);
        }
    }

    /** Reads {@code <id>/<attempt>}, the form the outbox's UPDATE ... RETURNING gives. */
    public static JobTicket parse(String idAndAttempt) {
        int slash = idAndAttempt.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not <id>/<attempt>: " + idAndAttempt);
        }
        return new JobTicket(
                UUID.fromString(idAndAttempt.substring(0, slash)), Integer.parseInt(idAndAttempt.substring(slash + 1)));
    }

    /** {@code <id>/<attempt>}: unique per message, the key of the broker's duplicate detection. */
    @Override
    public String toString() {
        return id + "/" + attempt;
    }
}
