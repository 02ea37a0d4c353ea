package org.modelregistry.application.notification;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.domain.notification.DomainEvent;
import org.modelregistry.domain.notification.EventLog;
import org.modelregistry.domain.notification.EventPosition;

/**
 * Publishes the domain events to the {@link EventPublisher} (the registry.events topic), following the audit log
 * with the {@code topic} reader's own position: a batch is read in a transaction, published outside any (docs/adr/0001:
 * no XA), then the position is moved; a crash in between publishes it again, and the broker drops the repeats.
 */
@Stateless
public class EventTopicRelay {

    private static final Logger LOG = Logger.getLogger(EventTopicRelay.class.getName());
    private static final int BATCH = 500;
    private static final int ROUNDS = 20;

    /** The next events (and the seq they reach) after {@code from}. */
    public record Batch(long from, long upTo, List<DomainEvent> events) {}

    @Inject
    EventLog log;

    @Inject
    EventPublisher publisher;

    @EJB
    EventTopicRelay self;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publish() {
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Batch batch = self.next();
                if (batch.upTo() == batch.from()) {
                    return;
                }
                if (!batch.events().isEmpty()) {
                    publisher.publish(batch.events());
                }
                self.published(batch);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Publishing events to the registry.events topic failed; they are published again later",
                    e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch next() {
        long from = log.position(EventPosition.TOPIC).getLastSeq();
        long last = log.lastSeqWithin(from, BATCH);
        return new Batch(from, last, last == from ? List.of() : log.read(from, last));
    }

    /** Moves the topic reader on, unless another server already did (its sends were dropped as duplicates). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void published(Batch batch) {
        log.moveIfAt(EventPosition.TOPIC, batch.from(), batch.upTo());
    }
}
