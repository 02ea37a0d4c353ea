package org.modelregistry.domain.notification;

import java.util.List;
import java.util.Optional;

/** The committed audit log as its readers see it: domain events in seq order, and each reader's position. */
public interface EventLog {

    /** The reader's position, locked for this transaction; empty when another server holds it. */
    Optional<EventPosition> lock(String reader);

    /** The reader's position, not locked. */
    EventPosition position(String reader);

    /** The seq of the last of the next {@code max} audit records after {@code after}, or {@code after} if none. */
    long lastSeqWithin(long after, int max);

    /** The domain events among the audit records after {@code after} up to {@code upTo}, in seq order. */
    List<DomainEvent> read(long after, long upTo);

    /** Moves the reader from {@code from} to {@code to}; false when it is no longer at {@code from}. */
    boolean moveIfAt(String reader, long from, long to);
}
