package org.modelregistry.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.modelregistry.domain.audit.ArchivedRecord;
import org.modelregistry.domain.audit.AuditArchive;
import org.modelregistry.domain.audit.AuditArchiveCount;
import org.modelregistry.domain.audit.AuditArchiveRepository;
import org.modelregistry.domain.audit.AuditBridge;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.audit.AuditMaintenance;
import org.modelregistry.domain.audit.PartitionContent;

/**
 * {@link AuditArchiveRepository}: reads through the registry's persistence unit (queries and mappings on
 * {@code AuditEvent}); the export streams a month through JDBC on the same data source (a fetch size keeps a month
 * of any size out of memory); the maintenance runs on the schema owner's data source ({@code jdbc/registry-owner},
 * not enlisted in JTA), each work in one transaction of its own (see {@code DatabaseRoles}).
 */
@ApplicationScoped
public class JpaAuditArchiveRepository implements AuditArchiveRepository {

    private static final String EXPORT = "SELECT id::text, occurred_at, actor, action, object_type, object_id::text,"
            + " organization_id::text, request_id, details::text, seq, prev_hash, hash, client_address, outcome,"
            + " chain_version FROM audit_event WHERE occurred_at >= ? AND occurred_at < ? ORDER BY seq NULLS FIRST, id";

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Resource(lookup = "jdbc/registry-owner")
    DataSource ownerDataSource;

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditArchive> archives() {
        return em.createNamedQuery("AuditEvent.archives").getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<AuditArchive> archive(YearMonth month) {
        List<AuditArchive> rows = em.createNamedQuery("AuditEvent.archiveOf")
                .setParameter(1, month.atDay(1).toString())
                .getResultList();
        return rows.stream().findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditBridge> bridges() {
        return em.createNamedQuery("AuditEvent.bridges").getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditArchiveCount> archiveCounts() {
        return em.createNamedQuery("AuditEvent.archiveCounts").getResultList();
    }

    @Override
    public boolean partitionExists(YearMonth month) {
        return em.createNamedQuery("AuditEvent.partition")
                        .setParameter(1, AuditArchive.partition(month))
                        .getSingleResult()
                != null;
    }

    @Override
    public void export(YearMonth month, RecordSink sink) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(EXPORT)) {
            ps.setObject(1, AuditArchive.start(month));
            ps.setObject(2, AuditArchive.start(month.plusMonths(1)));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(archived(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit partition " + AuditArchive.partition(month), e);
        }
    }

    private static ArchivedRecord archived(ResultSet rs) throws SQLException {
        long seq = rs.getLong(10);
        Long chained = rs.wasNull() ? null : seq;
        return new ArchivedRecord(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                chained,
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getInt(15));
    }

    @Override
    public void asOwner(OwnerWork work) {
        try (Connection c = ownerDataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(new OwnerMaintenance(c));
                c.commit();
            } catch (SqlFailure e) {
                c.rollback();
                throw (SQLException) e.getCause();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log's maintenance failed in the database", e);
        }
    }

    /** Carries a statement's failure out of the work, to roll back and report as the maintenance's failure. */
    private static final class SqlFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> statement) {
        try {
            return statement.run();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** The maintenance statements on one connection of the schema owner. */
    private static final class OwnerMaintenance implements AuditMaintenance {

        private final Connection c;

        OwnerMaintenance(Connection c) {
            this.c = c;
        }

        @Override
        public void lock(String partition) {
            execute("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE");
        }

        @Override
        public boolean awaitsLinking(String partition) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(
                                "SELECT 1 FROM " + partition + " WHERE seq IS NULL AND chain_version = 2 LIMIT 1");
                        ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
        }

        @Override
        public PartitionContent content(String partition) {
            return sql(() -> {
                try (PreparedStatement ps =
                                c.prepareStatement("SELECT min(seq), max(seq), count(*) FROM " + partition);
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new PartitionContent(
                            rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getLong(3));
                }
            });
        }

        @Override
        public List<AuditBridge> bridgesOut(
                long first, long last, OffsetDateTime from, OffsetDateTime to, String month) {
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, before_hash FROM (SELECT seq, occurred_at,"
                        + " lag(hash) OVER w AS before_hash, lag(occurred_at) OVER w AS before_at FROM audit_event"
                        + " WHERE seq BETWEEN ? AND coalesce((SELECT min(seq) FROM audit_event WHERE seq > ? AND NOT"
                        + " (occurred_at >= ? AND occurred_at < ?)), ?) WINDOW w AS (ORDER BY seq)) x"
                        + " WHERE NOT (occurred_at >= ? AND occurred_at < ?) AND before_at >= ? AND before_at < ?"
                        + " AND seq NOT IN (SELECT seq FROM audit_bridge)")) {
                    bind(ps, first, last, from, to, last, from, to, from, to);
                    List<AuditBridge> bridges = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            bridges.add(new AuditBridge(rs.getLong(1), rs.getString(2), month));
                        }
                    }
                    return bridges;
                }
            });
        }

        @Override
        public List<AuditArchiveCount> countsUpTo(String partition, List<Long> checkpointSeqs, String month) {
            if (checkpointSeqs.isEmpty()) {
                return List.of();
            }
            return sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT cp, (SELECT count(*) FROM " + partition
                        + " WHERE seq IS NOT NULL AND seq <= cp) FROM unnest(CAST(string_to_array(?, ',') AS"
                        + " bigint[])) cp ORDER BY cp")) {
                    bind(ps, checkpointSeqs.stream().map(String::valueOf).collect(Collectors.joining(",")));
                    List<AuditArchiveCount> counts = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.add(new AuditArchiveCount(rs.getLong(1), rs.getLong(2), month));
                        }
                    }
                    return counts;
                }
            });
        }

        @Override
        public void saveArchive(AuditArchive a) {
            update(
                    "INSERT INTO audit_archive (month, file, sha256, records, first_seq, last_seq, manifest,"
                            + " archived_at, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (month) DO UPDATE SET file = EXCLUDED.file, sha256 = EXCLUDED.sha256,"
                            + " records = EXCLUDED.records, first_seq = EXCLUDED.first_seq,"
                            + " last_seq = EXCLUDED.last_seq, manifest = EXCLUDED.manifest,"
                            + " archived_at = EXCLUDED.archived_at, archived_by = EXCLUDED.archived_by",
                    a.yearMonth().atDay(1),
                    a.file(),
                    a.sha256(),
                    a.records(),
                    a.firstSeq(),
                    a.lastSeq(),
                    a.manifest(),
                    a.archivedAt(),
                    a.archivedBy());
        }

        @Override
        public void addBridge(AuditBridge bridge, LocalDate month) {
            update(
                    "INSERT INTO audit_bridge (seq, prev_hash, month) VALUES (?, ?, ?)",
                    bridge.seq(),
                    bridge.prevHash(),
                    month);
        }

        @Override
        public void addCount(AuditArchiveCount count, LocalDate month) {
            update(
                    "INSERT INTO audit_archive_count (checkpoint_seq, month, records) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    count.checkpointSeq(),
                    month,
                    count.records());
        }

        @Override
        public void dropPartition(String partition) {
            execute("ALTER TABLE audit_event DETACH PARTITION " + partition);
            execute("DROP TABLE " + partition);
        }

        @Override
        public void markDropped(LocalDate month, OffsetDateTime droppedAt, String droppedBy, String dropStatement) {
            update(
                    "UPDATE audit_archive SET dropped_at = ?, dropped_by = ?, drop_statement = ? WHERE month = ?",
                    droppedAt,
                    droppedBy,
                    dropStatement,
                    month);
        }

        @Override
        public void append(AuditEvent e) {
            update(
                    "INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id,"
                            + " organization_id, request_id, details, client_address, outcome)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)",
                    e.getId(),
                    e.getOccurredAt(),
                    e.getActor(),
                    e.getAction(),
                    e.getObjectType(),
                    e.getObjectId(),
                    e.getOrganizationId(),
                    e.getRequestId(),
                    e.getDetails(),
                    e.getClientAddress(),
                    e.getOutcome());
        }

        private void execute(String statement) {
            sql(() -> {
                try (Statement s = c.createStatement()) {
                    return s.execute(statement);
                }
            });
        }

        private void update(String statement, Object... params) {
            sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    bind(ps, params);
                    return ps.executeUpdate();
                }
            });
        }

        private static void bind(PreparedStatement ps, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
        }
    }
}
