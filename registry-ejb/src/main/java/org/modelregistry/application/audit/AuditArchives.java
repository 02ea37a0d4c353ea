package org.modelregistry.application.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.modelregistry.api.audit.AuditArchiveDto;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.SqlValues;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.infrastructure.config.RegistrySettings;
import org.modelregistry.infrastructure.security.SigningKeys;
import org.modelregistry.infrastructure.storage.AtomicFiles;

/**
 * Retention of the audit log (db/V10): a month that has ended is exported to {@code <data>/audit-archive/} as gzipped
 * JSON lines with a signed manifest; its partition can be dropped only once archived, with the file unchanged, and
 * past the retention period. Dropping keeps what verification needs to cross the hole, and signs it.
 *
 * <p>The application's own database role cannot write the archive tables, drop a partition or delete a record
 * (DatabaseRoles): both writes here go through the schema owner's login ({@code jdbc/registry-owner}), each in one
 * transaction with its audit record.
 */
@Stateless
@LocalBean
public class AuditArchives {

    private static final String COLUMNS = "id::text, occurred_at, actor, action, object_type, object_id::text,"
            + " organization_id::text, request_id, details::text, seq, prev_hash, hash, client_address, outcome,"
            + " chain_version";

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Resource(lookup = "jdbc/registry-owner")
    DataSource ownerDataSource;

    @Inject
    AuditFacts facts;

    @Inject
    RegistrySettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @EJB
    SigningKeys keys;

    @EJB
    AuditChainer chainer;

    @EJB
    AuditCheckpoints checkpoints;

    public List<AuditArchiveDto> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT to_char(month, 'YYYY-MM'), file, sha256, records, first_seq,"
                        + " last_seq, manifest, archived_at, archived_by, dropped_at, dropped_by FROM audit_archive"
                        + " ORDER BY month")
                .getResultList();
        return rows.stream().map(this::toDto).toList();
    }

    public AuditArchiveDto archive(String monthText) {
        String actor = requireAdmin();
        YearMonth month = closedMonth(monthText);
        String partition = partition(month);
        Object[] existing = row(month);
        if (existing != null && existing[9] != null) {
            throw new ConflictException(
                    "The partition of " + month + " was dropped on " + existing[9] + "; its archive is " + existing[1],
                    "month");
        }
        if (em.createNativeQuery("SELECT to_regclass(?)")
                        .setParameter(1, partition)
                        .getSingleResult()
                == null) {
            throw new NotFoundException("audit partition", month.toString());
        }
        chainer.chainPending();
        Path dir = settings.dataDir().resolve("audit-archive");
        Path file = dir.resolve("audit-" + month + ".jsonl.gz");
        long records = 0;
        Long firstSeq = null;
        Long lastSeq = null;
        String sha256;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "archive-", ".tmp");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event"
                            + " WHERE occurred_at >= ? AND occurred_at < ? ORDER BY seq NULLS FIRST, id")) {
                ps.setObject(1, start(month));
                ps.setObject(2, start(month.plusMonths(1)));
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery();
                        OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest);
                        Writer w = new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)) {
                    while (rs.next()) {
                        if (rs.getObject(10) == null && rs.getInt(15) == 2) {
                            throw new ConflictException(
                                    "Records of " + month + " are still being linked into the"
                                            + " chain; try again in a moment",
                                    "month");
                        }
                        w.write(line(rs));
                        w.write('\n');
                        records++;
                        long seq = rs.getLong(10);
                        if (!rs.wasNull()) {
                            firstSeq = firstSeq == null ? seq : Math.min(firstSeq, seq);
                            lastSeq = lastSeq == null ? seq : Math.max(lastSeq, seq);
                        }
                    }
                }
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit partition " + partition, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = AuditedEntity.now();
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("format", "model-registry-audit-archive/1")
                .add("month", month.toString())
                .add("file", file.getFileName().toString())
                .add("sha256", sha256)
                .add("records", records)
                .add("createdAt", now.toString());
        if (firstSeq != null) {
            payload.add("firstSeq", firstSeq).add("lastSeq", lastSeq);
        }
        String manifest = keys.sign(payload.build().toString());
        write(dir.resolve("audit-" + month + ".manifest.jws"), manifest);
        Long first = firstSeq;
        Long last = lastSeq;
        long count = records;
        String digest = sha256;
        asOwner(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_archive (month, file, sha256, records,"
                    + " first_seq, last_seq, manifest, archived_at, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (month) DO UPDATE SET file = EXCLUDED.file, sha256 = EXCLUDED.sha256,"
                    + " records = EXCLUDED.records, first_seq = EXCLUDED.first_seq, last_seq = EXCLUDED.last_seq,"
                    + " manifest = EXCLUDED.manifest, archived_at = EXCLUDED.archived_at,"
                    + " archived_by = EXCLUDED.archived_by")) {
                ps.setObject(1, month.atDay(1));
                ps.setString(2, file.toString());
                ps.setString(3, digest);
                ps.setLong(4, count);
                ps.setObject(5, first);
                ps.setObject(6, last);
                ps.setString(7, manifest);
                ps.setObject(8, now);
                ps.setString(9, actor);
                ps.executeUpdate();
            }
            audit.record(
                    c,
                    actor,
                    "audit.archived",
                    "audit_archive",
                    id(month),
                    Json.createObjectBuilder()
                            .add("month", month.toString())
                            .add("file", file.toString())
                            .add("sha256", digest)
                            .add("records", count)
                            .build());
        });
        return toDto(row(month));
    }

    /**
     * The partition must still hold what its signed manifest describes (the number of records and the first and last
     * seq): a record added to or removed from the month after it was archived would otherwise be dropped unarchived,
     * or vanish with the partition, under a signed drop statement.
     */
    private static void requireAsArchived(YearMonth month, JsonObject manifest, Object[] bounds) {
        long records = ((Number) bounds[2]).longValue();
        boolean same = records == manifest.getJsonNumber("records").longValue()
                && (!manifest.containsKey("firstSeq")
                        || bounds[0] != null
                                && ((Number) bounds[0]).longValue()
                                        == manifest.getJsonNumber("firstSeq").longValue()
                                && ((Number) bounds[1]).longValue()
                                        == manifest.getJsonNumber("lastSeq").longValue());
        if (!same) {
            throw new ConflictException(
                    "The partition of " + month + " no longer holds what was archived (it has "
                            + records + " records, the signed manifest " + manifest.getJsonNumber("records")
                            + "); archive "
                            + month + " again",
                    "month");
        }
    }

    public AuditArchiveDto drop(String monthText) {
        String actor = requireAdmin();
        YearMonth month = closedMonth(monthText);
        Object[] archived = row(month);
        if (archived == null) {
            throw new ConflictException(
                    "Archive " + month + " first (POST /api/v1/audit/archives): a month is"
                            + " never dropped without its archive",
                    "month");
        }
        if (archived[9] != null) {
            throw new ConflictException("The partition of " + month + " was dropped on " + archived[9], "month");
        }
        OffsetDateTime droppable = droppableFrom(month);
        if (OffsetDateTime.now(ZoneOffset.UTC).isBefore(droppable)) {
            throw new ConflictException(
                    "The retention period (registry.audit.retention = " + settings.auditRetention() + ") keeps " + month
                            + " until " + droppable,
                    "month");
        }
        Path file = Path.of((String) archived[1]);
        if (!Files.isRegularFile(file) || !sha256(file).equals(archived[2])) {
            throw new ConflictException(
                    "The archive file " + file + " is missing or changed since it was written;" + " archive " + month
                            + " again",
                    "month");
        }
        JsonObject manifest = facts.signed((String) archived[6], AuditFacts.MANIFEST_FORMAT)
                .orElseThrow(() -> new ConflictException(
                        "The manifest of " + month + " is not signed by this registry's key; archive " + month
                                + " again",
                        "month"));
        String partition = partition(month);
        chainer.chainPending();
        OffsetDateTime now = AuditedEntity.now();
        Path statementFile = settings.dataDir().resolve("audit-archive").resolve("audit-" + month + ".drop.jws");
        asOwner(c -> {
            // nothing lands in the month from here on, until the partition is gone
            execute(c, "LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE");
            if (!query(c, "SELECT 1 FROM " + partition + " WHERE seq IS NULL AND chain_version = 2 LIMIT 1")
                    .isEmpty()) {
                throw new ConflictException(
                        "Records of " + month + " are still being linked into the chain; try" + " again in a moment",
                        "month");
            }
            Object[] bounds = query(c, "SELECT min(seq), max(seq), count(*) FROM " + partition)
                    .get(0);
            requireAsArchived(month, manifest, bounds);
            List<Object[]> bridges = List.of();
            List<Object[]> counts = List.of();
            if (bounds[0] != null) {
                long first = ((Number) bounds[0]).longValue();
                long last = ((Number) bounds[1]).longValue();
                OffsetDateTime from = start(month);
                OffsetDateTime to = start(month.plusMonths(1));
                // the remaining records whose predecessor is in this month keep that predecessor's hash
                bridges = query(
                        c,
                        "SELECT seq, before_hash FROM (SELECT seq, occurred_at, lag(hash) OVER w AS"
                                + " before_hash, lag(occurred_at) OVER w AS before_at FROM audit_event WHERE seq BETWEEN ? AND"
                                + " coalesce((SELECT min(seq) FROM audit_event WHERE seq > ? AND NOT (occurred_at >= ? AND"
                                + " occurred_at < ?)), ?) WINDOW w AS (ORDER BY seq)) x"
                                + " WHERE NOT (occurred_at >= ? AND occurred_at < ?) AND before_at >= ? AND before_at < ?"
                                + " AND seq NOT IN (SELECT seq FROM audit_bridge)",
                        first,
                        last,
                        from,
                        to,
                        last,
                        from,
                        to,
                        from,
                        to);
                // every checkpoint taken since the month's first record counted some of its records
                List<AuditCheckpointDto> taken = checkpoints.stored();
                String seqs = taken.stream()
                        .filter(cp -> cp.seq() >= first)
                        .map(cp -> Long.toString(cp.seq()))
                        .collect(Collectors.joining(","));
                counts = seqs.isEmpty()
                        ? List.of()
                        : query(
                                c,
                                "SELECT cp, (SELECT count(*) FROM " + partition
                                        + " WHERE seq IS NOT NULL AND seq <= cp) FROM unnest(CAST(string_to_array(?, ',') AS"
                                        + " bigint[])) cp ORDER BY cp",
                                seqs);
            }
            String statement = keys.sign(
                    AuditFacts.dropStatement(month.toString(), manifest, now.toString(), actor, bridges, counts));
            write(statementFile, statement);
            for (Object[] b : bridges) {
                update(
                        c,
                        "INSERT INTO audit_bridge (seq, prev_hash, month) VALUES (?, ?, ?)",
                        b[0],
                        b[1],
                        month.atDay(1));
            }
            for (Object[] n : counts) {
                update(
                        c,
                        "INSERT INTO audit_archive_count (checkpoint_seq, month, records) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        n[0],
                        month.atDay(1),
                        n[1]);
            }
            execute(c, "ALTER TABLE audit_event DETACH PARTITION " + partition);
            execute(c, "DROP TABLE " + partition);
            update(
                    c,
                    "UPDATE audit_archive SET dropped_at = ?, dropped_by = ?, drop_statement = ? WHERE month = ?",
                    now,
                    actor,
                    statement,
                    month.atDay(1));
            audit.record(
                    c,
                    actor,
                    "audit.partition.dropped",
                    "audit_archive",
                    id(month),
                    Json.createObjectBuilder()
                            .add("month", month.toString())
                            .add("archive", (String) archived[1])
                            .add("sha256", (String) archived[2])
                            .add("records", ((Number) archived[3]).longValue())
                            .add("bridges", bridges.size())
                            .build());
        });
        return toDto(row(month));
    }

    /** Work of the schema owner, in a transaction of its own that commits when it returns. */
    private void asOwner(OwnerWork work) {
        try (Connection c = ownerDataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log's maintenance failed in the database", e);
        }
    }

    private interface OwnerWork {
        void run(Connection c) throws SQLException;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Object[]> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private String requireAdmin() {
        if (!caller.get().registryAdmin()) {
            throw new ForbiddenException("Archiving the audit log takes a registry administrator");
        }
        return caller.get().username();
    }

    private static YearMonth closedMonth(String text) {
        YearMonth month;
        try {
            month = YearMonth.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "must be a month as YYYY-MM");
        }
        if (!month.isBefore(YearMonth.now(ZoneOffset.UTC))) {
            throw new InvalidInputException("month", "must have ended: " + month + " has not");
        }
        return month;
    }

    private OffsetDateTime droppableFrom(YearMonth month) {
        return month.plusMonths(1)
                .atDay(1)
                .atStartOfDay()
                .atOffset(ZoneOffset.UTC)
                .plus(settings.auditRetention());
    }

    private static String partition(YearMonth month) {
        return String.format("audit_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private static UUID id(YearMonth month) {
        return UUID.nameUUIDFromBytes(("audit-archive:" + month).getBytes(StandardCharsets.UTF_8));
    }

    private Object[] row(YearMonth month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT to_char(month, 'YYYY-MM'), file, sha256, records,"
                        + " first_seq, last_seq, manifest, archived_at, archived_by, dropped_at, dropped_by"
                        + " FROM audit_archive WHERE month = CAST(? AS date)")
                .setParameter(1, month.atDay(1).toString())
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private AuditArchiveDto toDto(Object[] r) {
        YearMonth month = YearMonth.parse((String) r[0]);
        return new AuditArchiveDto(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                ((Number) r[3]).longValue(),
                r[4] == null ? null : ((Number) r[4]).longValue(),
                r[5] == null ? null : ((Number) r[5]).longValue(),
                (String) r[6],
                SqlValues.time(r[7]),
                (String) r[8],
                droppableFrom(month),
                SqlValues.time(r[9]),
                (String) r[10]);
    }

    private static String line(ResultSet rs) throws SQLException {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", rs.getString(1))
                .add("occurredAt", rs.getTimestamp(2).toInstant().toString())
                .add("actor", rs.getString(3))
                .add("action", rs.getString(4))
                .add("objectType", rs.getString(5))
                .add("objectId", rs.getString(6))
                .add("details", rs.getString(9))
                .add("outcome", rs.getString(14))
                .add("chainVersion", rs.getInt(15));
        addIfSet(b, "organizationId", rs.getString(7));
        addIfSet(b, "requestId", rs.getString(8));
        addIfSet(b, "prevHash", rs.getString(11));
        addIfSet(b, "hash", rs.getString(12));
        addIfSet(b, "clientAddress", rs.getString(13));
        long seq = rs.getLong(10);
        if (!rs.wasNull()) {
            b.add("seq", seq);
        }
        return b.build().toString();
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String sha256(Path file) {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
