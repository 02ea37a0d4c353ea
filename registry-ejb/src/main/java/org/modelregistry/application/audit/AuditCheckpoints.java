package org.modelregistry.application.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.domain.audit.ChainHead;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CommitSignals;
import org.modelregistry.infrastructure.security.SigningKeys;
import org.modelregistry.infrastructure.storage.AtomicFiles;

/**
 * Keeps the audit log honest beyond the database: every {@code registry.audit.checkpoint-minutes} (default 60) the
 * chain's head (sequence number, hash, number of chained records) is signed with the registry's key and written to
 * {@code <data>/audit-checkpoints/} and the server log, where someone with the database owner's rights cannot
 * rewrite it along with the chain. Daily, and at start, the monthly partitions of the coming year are created. In a
 * cluster the timed work runs on the server holding {@link ClusterRole#AUDIT_MAINTENANCE} only (share
 * {@code registry.audit.checkpoint-dir} between the servers so that each verifies against every checkpoint).
 *
 * <p>With {@code registry.audit.checkpoint-dir} set, every checkpoint is also shipped to that directory (a mount of
 * other storage, write-once: a file is created, never overwritten), so that whoever controls this server's data
 * directory and database still cannot make a deleted tail of the log disappear. Verification reads both.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "SigningKeys", "AuditChainer", "CommitSignals"})
@Lock(LockType.WRITE)
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class.getName());
    private static final String PARTITIONS = "partitions";
    private static final String CHECKPOINT = "checkpoint";

    @Inject
    AuditRepository log;

    @Inject
    ServerSettings server;

    @Inject
    AuditSettings auditSettings;

    @Inject
    SigningKeys keys;

    @EJB
    AuditChainer chainer;

    @EJB
    CommitSignals signals;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        long checkpointMinutes = auditSettings.checkpointMinutes();
        ensurePartitions();
        long minute = 60_000L;
        timers.createIntervalTimer(24 * 60 * minute, 24 * 60 * minute, new TimerConfig(PARTITIONS, false));
        if (checkpointMinutes > 0) {
            timers.createIntervalTimer(
                    checkpointMinutes * minute, checkpointMinutes * minute, new TimerConfig(CHECKPOINT, false));
        }
    }

    @Timeout
    void onTimer(Timer timer) {
        if (!signals.runs(ClusterRole.AUDIT_MAINTENANCE)) {
            return; // another server of the cluster signs and prepares for all
        }
        try {
            if (PARTITIONS.equals(timer.getInfo())) {
                ensurePartitions();
            } else {
                checkpoint();
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "Audit maintenance (" + timer.getInfo() + ") failed; it runs again at the next" + " interval",
                    e);
        }
    }

    /** Creates the monthly partitions up to a year ahead (an insert into a month without one would fail). */
    void ensurePartitions() {
        int created = log.ensurePartitions();
        if (created > 0) {
            LOG.info(() -> "Created " + created + " monthly audit partitions");
        }
    }

    /** Signs the current head unless the newest checkpoint already states it; returns the newest checkpoint. */
    public AuditCheckpointDto checkpoint() {
        chainer.chainPending();
        ChainHead head = log.head();
        if (head.seq() == null) {
            return null; // nothing chained yet
        }
        long seq = head.seq();
        List<AuditCheckpointDto> existing = stored();
        if (!existing.isEmpty() && existing.get(0).seq() >= seq) {
            return existing.get(0);
        }
        long records = log.countChainedUpTo(seq);
        OffsetDateTime now = AuditedEntity.now();
        String payload = Json.createObjectBuilder()
                .add("type", "audit-checkpoint")
                .add("seq", seq)
                .add("hash", head.hash())
                .add("records", records)
                .add("createdAt", now.toString())
                .build()
                .toString();
        String jws = keys.sign(payload);
        write(seq, jws);
        log.saveCheckpoint(seq, head.hash(), records, now, jws);
        LOG.info(() -> "AUDIT CHECKPOINT seq=" + seq + " hash=" + head.hash() + " records=" + records + " jws=" + jws);
        return new AuditCheckpointDto(seq, head.hash(), records, now, jws);
    }

    private Path directory() {
        return server.dataDir().resolve("audit-checkpoints");
    }

    private Optional<Path> shipped() {
        return auditSettings.checkpointDir();
    }

    private void write(long seq, String jws) {
        String name = String.format("%020d.jws", seq);
        try {
            AtomicFiles.write(directory().resolve(name), jws + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit checkpoint to " + directory(), e);
        }
        Optional<Path> ship = shipped();
        if (ship.isPresent()) {
            Path file = ship.get().resolve(name);
            try {
                Files.createDirectories(ship.get());
                // created once and never replaced: what is there stays what was signed first
                Files.writeString(
                        file,
                        jws + "\n",
                        StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
            } catch (FileAlreadyExistsException kept) {
                LOG.fine(() -> file + " exists already; left as it is");
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot ship the audit checkpoint to " + file + " (registry.audit.checkpoint-dir)", e);
            }
        }
    }

    /**
     * The checkpoints in the data directory and the shipped directory (registry.audit.checkpoint-dir), newest first,
     * each checked against the registry's key. A file whose signature does not hold is returned with a null hash, so
     * verification reports it; the same checkpoint in both places counts once.
     */
    @Lock(LockType.READ)
    public List<AuditCheckpointDto> stored() {
        Map<String, AuditCheckpointDto> byJws = new LinkedHashMap<>();
        read(directory(), byJws);
        shipped().ifPresent(dir -> read(dir, byJws));
        List<AuditCheckpointDto> list = new ArrayList<>(byJws.values());
        list.sort(Comparator.comparingLong(AuditCheckpointDto::seq).reversed());
        return list;
    }

    private void read(Path dir, Map<String, AuditCheckpointDto> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.jws"))
                    .toList()) {
                String jws = Files.readString(file, StandardCharsets.US_ASCII).trim();
                long seq = Long.parseLong(file.getFileName().toString().substring(0, 20));
                into.putIfAbsent(
                        jws,
                        keys.verified(jws)
                                .map(payload -> {
                                    JsonObject p = Json.createReader(new StringReader(payload))
                                            .readObject();
                                    if (!"audit-checkpoint".equals(p.getString("type", null))) {
                                        return null; // signed by the registry, but not a checkpoint (a token, a
                                        // manifest)
                                    }
                                    return new AuditCheckpointDto(
                                            p.getJsonNumber("seq").longValue(),
                                            p.getString("hash"),
                                            p.getJsonNumber("records").longValue(),
                                            OffsetDateTime.parse(p.getString("createdAt")),
                                            jws);
                                })
                                .orElse(new AuditCheckpointDto(seq, null, -1, null, jws)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoints in " + dir, e);
        }
    }
}
