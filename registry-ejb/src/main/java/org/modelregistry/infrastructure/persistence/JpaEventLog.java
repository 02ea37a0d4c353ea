package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.modelregistry.domain.notification.DomainEvent;
import org.modelregistry.domain.notification.DomainEvents;
import org.modelregistry.domain.notification.EventLog;
import org.modelregistry.domain.notification.EventPosition;

/** {@link EventLog} on the registry's JTA persistence unit: the audit_event table and event_position. */
@ApplicationScoped
public class JpaEventLog implements EventLog {

    /** The audit actions that make events, as the array text {@code EventPosition.readEvents} splits. */
    private static final String ACTIONS = String.join(",", DomainEvents.ACTIONS);

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    @SuppressWarnings("unchecked") // a native query whose resultClass is EventPosition
    public Optional<EventPosition> lock(String reader) {
        List<EventPosition> rows = em.createNamedQuery("EventPosition.lock")
                .setParameter(1, reader)
                .getResultList();
        return rows.stream().findFirst();
    }

    @Override
    public EventPosition position(String reader) {
        return em.find(EventPosition.class, reader);
    }

    @Override
    public long lastSeqWithin(long after, int max) {
        Object last = em.createNamedQuery("EventPosition.lastSeqWithin")
                .setParameter(1, after)
                .setParameter(2, max)
                .getSingleResult();
        return last == null ? after : ((Number) last).longValue();
    }

    @Override
    @SuppressWarnings("unchecked") // a native query mapped to DomainEvent by its @SqlResultSetMapping
    public List<DomainEvent> read(long after, long upTo) {
        return em.createNamedQuery("EventPosition.readEvents")
                .setParameter(1, after)
                .setParameter(2, upTo)
                .setParameter(3, ACTIONS)
                .getResultList();
    }

    @Override
    public boolean moveIfAt(String reader, long from, long to) {
        return em.createNamedQuery("EventPosition.moveIfAt")
                        .setParameter(1, to)
                        .setParameter(2, reader)
                        .setParameter(3, from)
                        .executeUpdate()
                == 1;
    }
}
