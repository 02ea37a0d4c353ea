package org.modelregistry.application.notification;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.modelregistry.domain.notification.DomainEvent;
import org.modelregistry.domain.notification.EventLog;
import org.modelregistry.domain.notification.EventPosition;
import org.modelregistry.domain.notification.MailMessage;
import org.modelregistry.domain.notification.MailMessageRepository;
import org.modelregistry.domain.notification.MailRules;
import org.modelregistry.domain.notification.WebhookDelivery;
import org.modelregistry.domain.notification.WebhookDeliveryRepository;
import org.modelregistry.domain.notification.WebhookSubscription;
import org.modelregistry.domain.notification.WebhookSubscriptionRepository;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * Turns the next domain events of the audit log into one PENDING delivery per matching enabled subscription and one
 * mail per interested person (while a mail host is set), in the transaction that moves the {@code notifications}
 * reader's position: nothing is lost or made twice.
 */
@Stateless
public class NotificationFanOut {

    /** Audit records read per transaction. */
    static final int BATCH = 500;

    @Inject
    EventLog log;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    MailMessageRepository mails;

    @Inject
    MailSettings mail;

    @Inject
    ServerSettings server;

    /** Makes the deliveries and mails of the next events; returns how many audit records it passed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int next() {
        Optional<EventPosition> locked = log.lock(EventPosition.NOTIFICATIONS);
        if (locked.isEmpty()) {
            return 0; // another server holds it
        }
        EventPosition position = locked.get();
        long from = position.getLastSeq();
        long last = log.lastSeqWithin(from, BATCH);
        if (last == from) {
            return 0;
        }
        List<DomainEvent> batch = log.read(from, last);
        List<WebhookSubscription> enabled = subscriptions.enabled();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (DomainEvent e : batch) {
            for (WebhookSubscription s : enabled) {
                if (s.wants(e)) {
                    deliveries.addIfAbsent(WebhookDelivery.of(s.getId(), e, now));
                }
            }
            if (mail.enabled()) {
                mail(e, now);
            }
        }
        position.moveTo(last);
        return (int) Math.min(BATCH, last - from);
    }

    private void mail(DomainEvent e, OffsetDateTime now) {
        MailRules.Mail m = MailRules.mailFor(e, server.publicUrl());
        if (m == null) {
            return;
        }
        List<String> recipients = m.audience() == MailRules.Audience.REVIEWERS
                ? mails.reviewersOf(e.modelUuid())
                : mails.ownersOf(e.modelUuid());
        for (String to : new LinkedHashSet<>(recipients)) {
            mails.addIfAbsent(MailMessage.of(e.seq(), to, m.subject(), m.body(), now));
        }
    }
}
