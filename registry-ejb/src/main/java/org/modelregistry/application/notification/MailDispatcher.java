package org.modelregistry.application.notification;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.domain.notification.MailMessage;
import org.modelregistry.domain.notification.MailMessageRepository;
import org.modelregistry.domain.notification.RetryPolicy;

/**
 * Sends the due mails while a mail host is set: claims up to {@link #SENDS_PER_TICK} in a transaction of their own,
 * hands them one after the other to the {@link MailSender}, and records each result (SENT, scheduled again with the
 * SMTP error kept, or DEAD) in a transaction per mail.
 */
@Stateless
public class MailDispatcher {

    static final int SENDS_PER_TICK = 16;

    @Inject
    MailMessageRepository mails;

    @Inject
    MailSender sender;

    @Inject
    MailSettings mailSettings;

    @Inject
    NotificationSettings settings;

    @EJB
    MailDispatcher self;

    @EJB
    JobMetrics metrics;

    /** When the next mail falls due (none while no mail host is set: none is sent then). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<OffsetDateTime> nextDue() {
        return mailSettings.enabled() ? mails.nextDue() : Optional.empty();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void deliverDue() {
        if (!mailSettings.enabled()) {
            return;
        }
        for (MailMessage m : self.claim(SENDS_PER_TICK)) {
            String error = null;
            try {
                sender.send(m.getRecipient(), m.getSubject(), m.getBody());
            } catch (MailSender.NotSentException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = e.toString();
            }
            self.record(m.getId(), error);
        }
    }

    /** Claims due mails for two minutes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<MailMessage> claim(int max) {
        return mails.claimDue(max);
    }

    /** Moves the mail on: SENT without an error, else due again later or DEAD. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(UUID id, String error) {
        MailMessage mail = mails.find(id).orElseThrow();
        if (!mail.isPending()) {
            return; // another server finished it after our claim had run out
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (error == null) {
            mail.sent(now);
        } else {
            mail.attemptFailed(error, settings.retryPolicy(), now);
        }
        metrics.finished("mail", RetryPolicy.outcome(mail.isPending(), mail.getState()), null);
    }
}
