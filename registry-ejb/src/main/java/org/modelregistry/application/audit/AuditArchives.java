package org.modelregistry.application.audit;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.modelregistry.api.audit.AuditArchiveDto;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.audit.AuditArchive;
import org.modelregistry.domain.audit.AuditArchiveCount;
import org.modelregistry.domain.audit.AuditArchiveRepository;
import org.modelregistry.domain.audit.AuditBridge;
import org.modelregistry.domain.audit.DropStatement;
import org.modelregistry.domain.audit.PartitionContent;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.infrastructure.config.ServerSettings;
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

    @Inject
    AuditArchiveRepository repository;

    @Inject
    AuditFacts facts;

    @Inject
    ServerSettings server;

    @Inject
    AuditSettings auditSettings;

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
        return repository.archives().stream().map(this::toDto).toList();
    }

    public AuditArchiveDto archive(String monthText) {
        String actor = requireAdmin();
        YearMonth month = closedMonth(monthText);
        var existing = repository.archive(month);
        if (existing.isPresent() && existing.get().dropped()) {
            throw new ConflictException(
                    "The partition of " + month + " was dropped on " + droppedOn(existing.get()) + "; its archive is "
                            + existing.get().file(),
                    "month");
        }
        if (!repository.partitionExists(month)) {
            throw new NotFoundException("audit partition", month.toString());
        }
        chainer.chainPending();
        Path dir = server.dataDir().resolve("audit-archive");
        Path file = dir.resolve("audit-" + month + ".jsonl.gz");
        Export export = new Export();
        String sha256;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "archive-", ".tmp");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest);
                    Writer w = new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)) {
                repository.export(month, r -> {
                    if (r.awaitingLink()) {
                        throw new ConflictException(
                                "Records of " + month + " are still being linked into the"
                                        + " chain; try again in a moment",
                                "month");
                    }
                    w.write(r.jsonLine());
                    w.write('\n');
                    export.add(r.seq());
                });
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = AuditedEntity.now();
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("format", AuditArchive.MANIFEST_FORMAT)
                .add("month", month.toString())
                .add("file", file.getFileName().toString())
                .add("sha256", sha256)
                .add("records", export.records)
                .add("createdAt", now.toString());
        if (export.firstSeq != null) {
            payload.add("firstSeq", export.firstSeq).add("lastSeq", export.lastSeq);
        }
        String manifest = keys.sign(payload.build().toString());
        write(dir.resolve("audit-" + month + ".manifest.jws"), manifest);
        repository.asOwner(m -> {
            m.saveArchive(new AuditArchive(
                    month.toString(),
                    file.toString(),
                    sha256,
                    export.records,
                    export.firstSeq,
                    export.lastSeq,
                    manifest,
                    now,
                    actor,
                    null,
                    null,
                    null));
            m.append(audit.event(
                    actor,
                    "audit.archived",
                    "audit_archive",
                    AuditArchive.objectId(month),
                    Json.createObjectBuilder()
                            .add("month", month.toString())
                            .add("file", file.toString())
                            .add("sha256", sha256)
                            .add("records", export.records)
                            .build()));
        });
        return toDto(repository.archive(month).orElseThrow());
    }

    /** What an export counted: its records and the range of their seqs. */
    private static final class Export {
        long records;
        Long firstSeq;
        Long lastSeq;

        void add(Long seq) {
            records++;
            if (seq != null) {
                firstSeq = firstSeq == null ? seq : Math.min(firstSeq, seq);
                lastSeq = lastSeq == null ? seq : Math.max(lastSeq, seq);
            }
        }
    }

    public AuditArchiveDto drop(String monthText) {
        String actor = requireAdmin();
        YearMonth month = closedMonth(monthText);
        AuditArchive archived = repository
                .archive(month)
                .orElseThrow(() -> new ConflictException(
                        "Archive " + month + " first (POST /api/v1/audit/archives): a month is"
                                + " never dropped without its archive",
                        "month"));
        if (archived.dropped()) {
            throw new ConflictException(
                    "The partition of " + month + " was dropped on " + droppedOn(archived), "month");
        }
        OffsetDateTime droppable = AuditArchive.droppableFrom(month, auditSettings.retention());
        if (OffsetDateTime.now(ZoneOffset.UTC).isBefore(droppable)) {
            throw new ConflictException(
                    "The retention period (registry.audit.retention = " + auditSettings.retention() + ") keeps " + month
                            + " until " + droppable,
                    "month");
        }
        Path file = Path.of(archived.file());
        if (!Files.isRegularFile(file) || !sha256(file).equals(archived.sha256())) {
            throw new ConflictException(
                    "The archive file " + file + " is missing or changed since it was written;" + " archive " + month
                            + " again",
                    "month");
        }
        JsonObject manifest = facts.signed(archived.manifest(), AuditArchive.MANIFEST_FORMAT)
                .orElseThrow(() -> new ConflictException(
                        "The manifest of " + month + " is not signed by this registry's key; archive " + month
                                + " again",
                        "month"));
        String partition = AuditArchive.partition(month);
        chainer.chainPending();
        OffsetDateTime now = AuditedEntity.now();
        Path statementFile = server.dataDir().resolve("audit-archive").resolve("audit-" + month + ".drop.jws");
        LocalDate day = month.atDay(1);
        repository.asOwner(m -> {
            // nothing lands in the month from here on, until the partition is gone
            m.lock(partition);
            if (m.awaitsLinking(partition)) {
                throw new ConflictException(
                        "Records of " + month + " are still being linked into the chain; try" + " again in a moment",
                        "month");
            }
            PartitionContent content = m.content(partition);
            if (!content.asArchived(manifest)) {
                throw new ConflictException(
                        "The partition of " + month + " no longer holds what was archived (it has "
                                + content.records() + " records, the signed manifest "
                                + manifest.getJsonNumber("records") + "); archive " + month + " again",
                        "month");
            }
            List<AuditBridge> bridges = List.of();
            List<AuditArchiveCount> counts = List.of();
            if (content.firstSeq() != null) {
                long first = content.firstSeq();
                long last = content.lastSeq();
                // the remaining records whose predecessor is in this month keep that predecessor's hash
                bridges = m.bridgesOut(
                        first,
                        last,
                        AuditArchive.start(month),
                        AuditArchive.start(month.plusMonths(1)),
                        month.toString());
                // every checkpoint taken since the month's first record counted some of its records
                List<Long> taken = checkpoints.stored().stream()
                        .map(AuditCheckpointDto::seq)
                        .filter(seq -> seq >= first)
                        .toList();
                counts = m.countsUpTo(partition, taken, month.toString());
            }
            String statement = keys.sign(
                    DropStatement.payload(month.toString(), manifest, now.toString(), actor, bridges, counts));
            write(statementFile, statement);
            bridges.forEach(b -> m.addBridge(b, day));
            counts.forEach(n -> m.addCount(n, day));
            m.dropPartition(partition);
            m.markDropped(day, now, actor, statement);
            m.append(audit.event(
                    actor,
                    "audit.partition.dropped",
                    "audit_archive",
                    AuditArchive.objectId(month),
                    Json.createObjectBuilder()
                            .add("month", month.toString())
                            .add("archive", archived.file())
                            .add("sha256", archived.sha256())
                            .add("records", archived.records())
                            .add("bridges", bridges.size())
                            .build()));
        });
        return toDto(repository.archive(month).orElseThrow());
    }

    /** When the month was dropped, as these messages have always printed it (java.sql.Timestamp's text). */
    private static String droppedOn(AuditArchive a) {
        return Timestamp.from(a.droppedAt().toInstant()).toString();
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

    private AuditArchiveDto toDto(AuditArchive a) {
        return new AuditArchiveDto(
                a.month(),
                a.file(),
                a.sha256(),
                a.records(),
                a.firstSeq(),
                a.lastSeq(),
                a.manifest(),
                a.archivedAt(),
                a.archivedBy(),
                AuditArchive.droppableFrom(a.yearMonth(), auditSettings.retention()),
                a.droppedAt(),
                a.droppedBy());
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
