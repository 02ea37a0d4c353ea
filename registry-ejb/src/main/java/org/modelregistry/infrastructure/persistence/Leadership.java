package org.modelregistry.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which {@link ClusterRole}s this server holds: a role is held by the one database session that holds its session
 * advisory lock ({@code pg_try_advisory_lock}), so PostgreSQL, which every server already trusts, is the only judge;
 * nothing else (Hazelcast, a clock, a row written earlier) is believed. The lock lives as long as the session: a
 * server that dies, or whose connection breaks, loses its roles at once, and another server takes them at its next
 * {@link #claim} (each server claims every {@code registry.wake.safety-poll-ms}).
 *
 * <p>Two servers may both believe they hold a role for a moment (the old holder has not yet seen its connection
 * break), so the work a role guards stays safe to run twice (row locks, SKIP LOCKED, idempotent statements): a role
 * saves the cluster the repeated work, it does not make it correct.
 *
 * <p>Not thread-safe: one thread uses it with the connection it claims on.
 */
public final class Leadership {

    /** The first half of every role's lock key ("MREG"), apart from the registry's other advisory locks. */
    public static final int LOCK_CLASS = 0x4D524547;

    private final List<ClusterRole> roles;
    private final Set<ClusterRole> held = new LinkedHashSet<>();

    public Leadership(List<ClusterRole> roles) {
        this.roles = List.copyOf(roles);
    }

    /**
     * Takes every role whose lock is free, keeps those this session holds, and returns the roles held. One statement,
     * which also shows the connection still works (it throws when it does not: the caller then calls {@link #lost}).
     */
    public Set<ClusterRole> claim(Connection c) throws SQLException {
        Map<Integer, ClusterRole> byKey =
                roles.stream().collect(Collectors.toMap(ClusterRole::key, Function.identity()));
        List<Integer> keys = new ArrayList<>(byKey.keySet());
        Set<ClusterRole> now = new LinkedHashSet<>();
        // a lock this session holds is not taken again (session locks stack); CASE, unlike OR, keeps that order
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT k, CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE"
                        + " locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND classid = ?::oid AND objid ="
                        + " k::oid AND objsubid = 2) THEN true ELSE pg_try_advisory_lock(?, k) END FROM unnest(?::int[]) AS k")) {
            Array array = c.createArrayOf("integer", keys.toArray());
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_CLASS);
            ps.setArray(3, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        now.add(byKey.get(rs.getInt(1)));
                    }
                }
            }
        }
        held.clear();
        roles.stream().filter(now::contains).forEach(held::add);
        return Set.copyOf(held);
    }

    /** The connection is gone, and with it every lock it held. */
    public void lost() {
        held.clear();
    }

    /** The roles held at the last {@link #claim}. */
    public Set<ClusterRole> held() {
        return Set.copyOf(held);
    }
}
