package org.modelregistry.infrastructure.persistence;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Work that one server of the cluster does for all of them, held by whoever holds its PostgreSQL advisory lock
 * ({@link Leadership}): the lock's key is the pair ({@link Leadership#LOCK_CLASS}, {@code key}).
 *
 * @param name what the readiness details call it
 * @param key the second half of the lock's key, distinct for every role
 */
public record ClusterRole(String name, int key) {

    // before the constants, which the constructor checks with it
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** Links committed audit records into the hash chain ({@code AuditChainer}). */
    public static final ClusterRole AUDIT_CHAIN = new ClusterRole("audit-chain", 1);

    /** Signs audit checkpoints and creates the coming months' audit partitions ({@code AuditCheckpoints}). */
    public static final ClusterRole AUDIT_MAINTENANCE = new ClusterRole("audit-maintenance", 2);

    /** Puts back lost job messages and expired leases, and runs the job kinds' housekeeping ({@code JobRelay}). */
    public static final ClusterRole JOB_REAPER = new ClusterRole("job-reaper", 3);

    /** Applies the audit log to a search index the servers share (Elasticsearch or OpenSearch; not Lucene). */
    public static final ClusterRole SEARCH_FOLLOWER = new ClusterRole("search-follower", 4);

    /** Every role the registry's servers compete for. */
    public static final List<ClusterRole> ALL = List.of(AUDIT_CHAIN, AUDIT_MAINTENANCE, JOB_REAPER, SEARCH_FOLLOWER);

    public ClusterRole {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain role name: " + name);
        }
    }
}
