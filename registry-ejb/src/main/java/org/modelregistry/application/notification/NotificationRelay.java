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
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.modelregistry.infrastructure.config.WakeSettings;
import org.modelregistry.infrastructure.persistence.CoalescedRun;
import org.modelregistry.infrastructure.persistence.CommitSignals;

/**
 * Notifications, read from the committed audit log in seq order (so a rolled-back change never notifies anyone), one
 * step after the other, whenever records are chained anywhere in the cluster (the commit signal
 * {@link CommitSignals.Channel#CHAINED}), when a retry falls due, and every {@code registry.wake.safety-poll-ms}:
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
@DependsOn({"SchemaMigrator", "CommitSignals"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // one round at a time is kept by CoalescedRun, not a lock
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class.getName());
    private static final String DUE = "due";

    /** The soonest a round follows one that left work due at once (more than a round sends). */
    private static final long MIN_GAP_MILLIS = 250;

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

    @EJB
    CommitSignals signals;

    @EJB
    NotificationRelay self;

    @Inject
    WakeSettings wakeSettings;

    private final CoalescedRun rounds = new CoalescedRun();

    /** When the timer for the next due retry fires (0: none set). */
    private final AtomicLong dueTimerAt = new AtomicLong();

    @PostConstruct
    void schedule() {
        long poll = wakeSettings.safetyPollMillis();
        timers.createIntervalTimer(1000, poll, new TimerConfig("notification-relay", false));
        signals.subscribe(CommitSignals.Channel.CHAINED, self::signalled);
    }

    /** A round, because records were chained (the commit signal). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void signalled() {
        round();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (DUE.equals(timer.getInfo())) {
            dueTimerAt.set(0);
        }
        round();
    }

    private void round() {
        try {
            // a signal during a round makes it go once more: records chained after its read are not left behind
            rounds.run(this::once);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifications failed; they are tried again", e);
        }
    }

    private void once() {
        while (fanOut.next() == NotificationFanOut.BATCH) {
            // more to read
        }
        webhooks.deliverDue();
        mails.deliverDue();
        topic.publish();
        scheduleNextDue();
    }

    /** A retry due before the next safety poll gets a timer of its own, so that it is not late by a whole poll. */
    private void scheduleNextDue() {
        Optional<OffsetDateTime> due = Stream.of(webhooks.nextDue(), mails.nextDue())
                .flatMap(Optional::stream)
                .min(OffsetDateTime::compareTo);
        if (due.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        long at = Math.max(due.get().toInstant().toEpochMilli(), now + MIN_GAP_MILLIS);
        if (at - now >= wakeSettings.safetyPollMillis()) {
            return; // the safety poll comes first
        }
        long set = dueTimerAt.get();
        if (set != 0 && set <= at) {
            return; // a timer fires before then already
        }
        if (dueTimerAt.compareAndSet(set, at)) {
            timers.createSingleActionTimer(at - now, new TimerConfig(DUE, false));
        }
    }
}
