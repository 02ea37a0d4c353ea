package org.modelregistry.application.evaluation;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.evaluation.CheckKind;
import org.modelregistry.domain.evaluation.CheckOutcome;
import org.modelregistry.domain.evaluation.EvaluationRepository;
import org.modelregistry.domain.evaluation.EvaluationRun;
import org.modelregistry.domain.evaluation.EvaluationRunState;
import org.modelregistry.domain.evaluation.IntegrityCheck;
import org.modelregistry.domain.evaluation.LicenseCheck;
import org.modelregistry.domain.evaluation.MetricThreshold;
import org.modelregistry.domain.evaluation.ModelCardCheck;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.storage.BlobStore;

/**
 * Does one evaluation run, exactly once in effect: a worker claims the run ({@link EvaluationRun#claim}, on its row
 * lock), records each check's result under a unique (run, check) key, skipping checks a crashed attempt already
 * recorded, and completes it ({@link EvaluationRun#complete}, on the row lock again, only if it is still RUNNING).
 * Every step is its own transaction, so a crash loses at most the check in progress.
 */
@Stateless
@LocalBean
public class EvaluationExecutor {

    private static final long MAX_CARD_BYTES = 1 << 20;

    @Inject
    EvaluationRepository evaluations;

    @Inject
    ModelRepository models;

    @Inject
    BlobStore blobs;

    @Inject
    AuditTrail audit;

    @EJB
    EvaluationExecutor self;

    @Inject
    ServerSettings server;

    @EJB
    JobMetrics metrics;

    /** Processes a run a message named; a run someone else holds, or one already finished, is left alone. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void process(UUID runId) {
        EvaluationRun run = self.claim(runId);
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

    /** The run as claimed (detached), or null when it is not there to be claimed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EvaluationRun claim(UUID runId) {
        return evaluations.claim(runId, server.leaseOwner()).orElse(null);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> recorded(UUID runId) {
        return evaluations.recordedChecks(runId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(UUID runId, String name, String kind, CheckOutcome outcome) {
        evaluations.record(runId, name, kind, outcome);
    }

    /** Completes the run if it is still RUNNING (another worker may have completed it after taking it over). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(UUID runId) {
        List<CheckOutcome.Status> statuses = evaluations.recordedStatuses(runId);
        EvaluationRunState outcome = EvaluationRunState.of(statuses);
        EvaluationRun run = evaluations
                .complete(runId, outcome, EvaluationRun.completion(statuses.size(), outcome))
                .orElse(null);
        if (run == null) {
            return;
        }
        EvaluationRunState state = run.getState();
        audit.record(
                "evaluation-worker",
                "evaluation.finished",
                "model_version",
                run.getVersionId(),
                models.findModel(run.getModelId()).map(Model::getOrganizationId).orElse(null),
                Json.createObjectBuilder()
                        .add("run", runId.toString())
                        .add("state", state.name())
                        .add("requestedBy", run.getRequestedBy())
                        .build(),
                AuditEvent.SUCCESS);
        metrics.finished("evaluation", state.name(), run.duration());
    }

    private CheckOutcome judge(EvaluationRun run, JsonObject check) {
        try {
            CheckKind kind = CheckKind.named(check.getString("kind")).orElse(null);
            if (kind == null) {
                return new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), "unknown kind");
            }
            return switch (kind) {
                case METRIC_THRESHOLD ->
                    MetricThreshold.compile(check.getString("expression")).check(run.metricValues());
                case LICENSE ->
                    LicenseCheck.check(
                            licenses(run.getVersionId()),
                            check.getJsonArray("allow").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString)
                                    .collect(Collectors.toSet()));
                case MODEL_CARD ->
                    ModelCardCheck.check(
                            card(run.getVersionId()),
                            check.containsKey("sections")
                                    ? check.getJsonArray("sections").getValuesAs(JsonString.class).stream()
                                            .map(JsonString::getString)
                                            .toList()
                                    : ModelCardCheck.DEFAULT_SECTIONS);
                case INTEGRITY -> integrity(run.getVersionId());
            };
        } catch (RuntimeException e) {
            return new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), "the check failed to run: " + e.getMessage());
        }
    }

    /** Artifact name to its licence expression (null when it declares none), by name. */
    private Map<String, String> licenses(UUID versionId) {
        Map<String, String> licenses = new LinkedHashMap<>();
        evaluations.artifacts(versionId).forEach(a -> licenses.put(a.getName(), a.getLicense()));
        return licenses;
    }

    private String card(UUID versionId) {
        for (Artifact a : evaluations.artifacts(versionId)) {
            if (a.getType() == ArtifactType.MODEL_CARD && a.isStored()) {
                try (InputStream in = blobs.open(a.getSha256(), 0, MAX_CARD_BYTES)) {
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
        for (Artifact a : evaluations.artifacts(versionId)) {
            if (!a.isStored()) {
                continue;
            }
            checked++;
            CheckOutcome one;
            try {
                one = IntegrityCheck.check(a.getSha256(), a.getSize(), blobs.open(a.getSha256()));
            } catch (IOException e) {
                one = new CheckOutcome(CheckOutcome.Status.ERROR, Map.of(), e.getMessage());
            }
            measured.put(a.getName(), one.status().name());
            if (one.status() != CheckOutcome.Status.PASSED) {
                failures.append(a.getName()).append(": ").append(one.message()).append("; ");
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
