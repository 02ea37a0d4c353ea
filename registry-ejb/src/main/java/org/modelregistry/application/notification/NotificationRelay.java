package org.modelregistry.application.notification;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notifications, read from the committed audit log in seq order (so a rolled-back change never notifies anyone), every
 * 250 ms, one step after the other:
 * <ol>
 * <li>{@link NotificationFanOut}: each event becomes deliveries and mails, in the transaction that moves the reader's
 * position (nothing is lost or made twice);</li>
 * <li>{@link WebhookDispatcher} and {@link MailDispatcher}: due deliveries and mails are claimed (SKIP LOCKED, so
 * several servers share them), sent, and finished or scheduled again, until they are DEAD;</li>
 * <li>{@link EventTopicRelay}: every event is also published to the registry.events topic for other systems.</li>
 * </ol>
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // one round at a time is kept by the flag, not by a lock
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class.getName());

    @Resource
    TimerService timers;

    @EJB
    NotificationFanOut fanOut;

    @EJB
    WebhookDispatcher webhooks;

    @EJB
    MailDispatcher mails;

    @EJB
    EventTopicRelay topic;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1000, 250, new TimerConfig("notification-relay", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous round is still sending
        }
        try {
            while (fanOut.next() == NotificationFanOut.BATCH) {
                // more to read
            }
            webhooks.deliverDue();
            mails.deliverDue();
            topic.publish();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifications failed; they are tried again", e);
        } finally {
            running.set(false);
        }
    }
}
