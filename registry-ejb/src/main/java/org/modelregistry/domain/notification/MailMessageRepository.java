package org.modelregistry.domain.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Mails to send and who gets them. */
public interface MailMessageRepository {

    /** Stores a new mail unless the address already has one for the event. */
    void addIfAbsent(MailMessage mail);

    /**
     * Claims up to {@code max} due PENDING mails, oldest due first, skipping those another server holds locked
     * ({@link MailMessage#claim} for each, in one statement).
     */
    List<MailMessage> claimDue(int max);

    /** When the next PENDING mail falls due, if one does. */
    Optional<OffsetDateTime> nextDue();

    Optional<MailMessage> find(UUID id);

    /** The addresses of the active REVIEWERs of the model's organization. */
    List<String> reviewersOf(UUID modelId);

    /** The addresses of the model's active owners. */
    List<String> ownersOf(UUID modelId);
}
