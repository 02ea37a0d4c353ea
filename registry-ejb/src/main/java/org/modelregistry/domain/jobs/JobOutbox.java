package org.modelregistry.domain.jobs;

import java.util.Objects;

/**
 * A kind of job as the relay carries it: where the jobs wait ({@code table}), the {@code type} of their messages, and
 * the JNDI name of the {@code queue} they go to (a {@code jmsQueue} of server.xml).
 *
 * @param name the outbox's name in capitals: shown in logs, and part of the broker's duplicate-detection id of each
 *     message ({@code <name>/<job>/<attempt>}), so it must not change across versions
 */
public record JobOutbox(String name, String type, String queue, JobTable table) {

    public JobOutbox {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(table, "table");
    }
}
