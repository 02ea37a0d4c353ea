package org.modelregistry.domain.notification;

/** Domain events for tests. */
final class Events {

    private Events() {}

    /** A version.created event of {@code fraud/scorer 1.2.0} in {@code default}, at 2026-11-28T10:15:30.412Z. */
    static DomainEvent versionCreated(long seq) {
        return new DomainEvent(
                seq,
                "version.created",
                "dana",
                1_795_860_930_412_000L,
                "model_version",
                "0190a5d2-0000-7000-8000-000000000002",
                "{\"version\":\"1.2.0\"}",
                "default",
                "0190a5d2-0000-7000-8000-000000000001",
                "fraud",
                "scorer",
                "1.2.0");
    }
}
