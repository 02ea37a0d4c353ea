package org.modelregistry.application.evaluation;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.evaluation.CheckOutcome;
import org.modelregistry.domain.evaluation.IntegrityCheck;
import org.modelregistry.domain.evaluation.LicenseCheck;
import org.modelregistry.domain.evaluation.MetricThreshold;
import org.modelregistry.domain.evaluation.ModelCardCheck;
import org.modelregistry.infrastructure.config.RegistrySettings;
import org.modelregistry.infrastructure.storage.BlobStore;

/**
 * Does one evaluation run, exactly once in effect: a worker claims the run (QUEUED, or RUNNING with an expired
 * lease) by a conditional update, records each check's result under a unique (run, check) key, skipping checks a
 * crashed attempt already recorded, and finishes it by another conditional update. Every step is its own
 * transaction, so a crash loses at most the check in progress.
 */
@Stateless
@LocalBean
public class EvaluationExecutor {

    private static final long MAX_CARD_BYTES = 1 << 20;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    BlobStore blobs;

    @Inject
    AuditTrail audit;

    @EJB
    EvaluationExecutor self;

    @Inject
    RegistrySettings settings;

    @EJB
    JobMetrics metrics;

    /** The run as claimed: its version, checks and metrics. */
    public record Claimed(UUID runId, UUID versionId, JsonArray checks, JsonObject metrics) {}

    /** Processes a run a message named; a run someone else holds, or one already finished, is left alone. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void process(UUID runId) {
        Claimed run = self.claim(runId);
        if (run == null) {
            return;
        }
        Set<String> done = self.recorded(runId);
        for (JsonValue value : run.checks()) {
            JsonObject check = value.asJsonObject();
            String name = check.getString("name");
            if (!done.contains(name)) {
                self.record(runId, name, check.getString("kind"), judge(run, check));
            }
        }
        self.finish(runId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claimed claim(UUID runId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE evaluation_run SET state = 'RUNNING', attempt = attempt + 1,"
                        + " lease_until = now() + interval '2 minutes', started_at = coalesce(started_at, now()),"
                        + " lease_owner = ? WHERE id = CAST(? AS uuid) AND (state = 'QUEUED' OR (state = 'RUNNING' AND"
                        + " lease_until < now())) RETURNING version_id::text, checks::text, metrics::text")
                .setParameter(1, settings.leaseOwner())
                .setParameter(2, runId.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Claimed(
                runId,
                UUID.fromString((String) r[0]),
                Json.createReader(new StringReader((String) r[1])).readArray(),
                JsonText.parse((String) r[2]));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> recorded(UUID runId) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery(
                        "SELECT check_name FROM evaluation_check_result WHERE run_id =" + " CAST(? AS uuid)")
                .setParameter(1, runId.toString())
                .getResultList();
        return new HashSet<>(names);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(UUID runId, String name, String kind, CheckOutcome outcome) {
        JsonObjectBuilder measured = Json.createObjectBuilder();
        outcome.measured().forEach((k, v) -> measured.add(k, Json.createValue(String.valueOf(v))));
        em.createNativeQuery("INSERT INTO evaluation_check_result (run_id, check_name, kind, status, measured, message,"
                        + " finished_at) VALUES (CAST(? AS uuid), ?, ?, ?, CAST(? AS jsonb), ?, now())"
                        + " ON CONFLICT (run_id, check_name) DO NOTHING")
                .setParameter(1, runId.toString())
                .setParameter(2, name)
                .setParameter(3, kind)
                .setParameter(4, outcome.status().name())
                .setParameter(5, measured.build().toString())
                .setParameter(6, outcome.message())
                .executeUpdate();
    }

    /** PASSED when every check passed, FAILED when one failed, ERROR when one could not be judged. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(UUID runId) {
        @SuppressWarnings("unchecked")
        List<String> statuses = em.createNativeQuery(
                        "SELECT status FROM evaluation_check_result WHERE run_id =" + " CAST(? AS uuid)")
                .setParameter(1, runId.toString())
                .getResultList();
        String state = statuses.contains("ERROR") ? "ERROR" : statuses.contains("FAILED") ? "FAILED" : "PASSED";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE evaluation_run r SET state = ?, finished_at = now(),"
                        + " lease_until = NULL, message = ? WHERE id = CAST(? AS uuid) AND state = 'RUNNING'"
                        + " RETURNING r.version_id::text, (SELECT organization_id::text FROM model m WHERE m.id ="
                        + " r.model_id), r.requested_by, (extract(epoch FROM now() - r.started_at) * 1000)::bigint")
                .setParameter(1, state)
                .setParameter(2, statuses.size() + " checks, " + state)
                .setParameter(3, runId.toString())
                .getResultList();
        if (!rows.isEmpty()) {
            Object[] r = rows.get(0);
            audit.record(
                    "evaluation-worker",
                    "evaluation.finished",
                    "model_version",
                    UUID.fromString((String) r[0]),
                    r[1] == null ? null : UUID.fromString((String) r[1]),
                    Json.createObjectBuilder()
                            .add("run", runId.toString())
                            .add("state", state)
                            .add("requestedBy", (String) r[2])
                            .build(),
                    AuditEvent.SUCCESS);
            metrics.finished("evaluation", state, r[3] == null ? null : Duration.ofMillis(((Number) r[3]).longValue()));
        }
    }

    private CheckOutcome judge(Claimed run, JsonObject check) {
        try {
            return switch (check.getString("kind")) {
                case "METRIC_THRESHOLD" -> {
                    Map<String, Number> metrics = new LinkedHashMap<>();
                    run.metrics().forEach((k, v) -> {
                        if (v instanceof JsonNumber n) {
                            metrics.put(k, n.doubleValue());
                        }
                    });
                    yield MetricThreshold.compile(check.getString("expression")).check(metrics);
                }
                case "LICENSE" ->
                    LicenseCheck.check(
                            artifacts(run.versionId()).stream()
                                    .collect(
                                            LinkedHashMap::new,
                                            (m, a) -> m.put((String) a[0], (String) a[4]),
                                            Map::putAll),
                            check.getJsonArray("allow").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString)
                                    .collect(Collectors.toSet()));
                case "MODEL_CARD" ->
                    ModelCardCheck.check(
                            card(run.versionId()),
                            check.containsKey("sections")
                                    ? check.getJsonArray("sections").getValuesAs(JsonString.class).stream()
                                            .map(JsonString::getString)
                                            .toList()
                                    : ModelCardCheck.DEFAULT_SECTIONS);
                case "INTEGRITY" -> integrity(run.versionId());
                default -> new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), "unknown kind");
            };
        } catch (RuntimeException e) {
            return new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), "the check failed to run: " + e.getMessage());
        }
    }

    /** name, type, sha256, size, license, stored */
    private List<Object[]> artifacts(UUID versionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT name, artifact_type, sha256, size_bytes, license, stored"
                        + " FROM artifact WHERE version_id = CAST(? AS uuid) ORDER BY name")
                .setParameter(1, versionId.toString())
                .getResultList();
        return rows;
    }

    private String card(UUID versionId) {
        for (Object[] a : artifacts(versionId)) {
            if ("MODEL_CARD".equals(a[1]) && Boolean.TRUE.equals(a[5])) {
                try (InputStream in = Files.newInputStream(blobs.locate((String) a[2]))) {
                    return new String(in.readNBytes((int) MAX_CARD_BYTES), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the model card: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    private CheckOutcome integrity(UUID versionId) {
        Map<String, Object> measured = new LinkedHashMap<>();
        StringBuilder failures = new StringBuilder();
        int checked = 0;
        for (Object[] a : artifacts(versionId)) {
            if (!Boolean.TRUE.equals(a[5])) {
                continue;
            }
            checked++;
            CheckOutcome one;
            try {
                one = IntegrityCheck.check(
                        (String) a[2], ((Number) a[3]).longValue(), Files.newInputStream(blobs.locate((String) a[2])));
            } catch (IOException e) {
                one = new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), e.getMessage());
            }
            measured.put((String) a[0], one.status().name());
            if (one.status() != CheckOutcome.Status.PASSED) {
                failures.append(a[0]).append(": ").append(one.message()).append("; ");
            }
        }
        if (failures.length() > 0) {
            return new CheckOutcome(
                    CheckOutcome.Status.FAILED, measured, failures.toString().trim());
        }
        return new CheckOutcome(
                CheckOutcome.Status.PASSED,
                measured,
                checked == 0
                        ? "no stored content to check"
                        : checked + " artifacts match their recorded sha256 and size");
    }
}
