package org.modelregistry.application.evaluation;

import static org.modelregistry.application.shared.SqlValues.time;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.evaluation.CheckResultDto;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.jobs.JobWake;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.evaluation.MetricThreshold;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.Uuid7;

/**
 * Evaluation suites and runs. A run is only recorded here (QUEUED, in the request's transaction, with its audit
 * record); {@code JobRelay} publishes it to the evaluations queue after commit and {@code EvaluationWorker}
 * does it (docs/adr/0001).
 */
@Stateless
@Local(EvaluationService.class)
public class EvaluationServiceBean implements EvaluationService {

    static final Set<String> KINDS = Set.of("INTEGRITY", "METRIC_THRESHOLD", "MODEL_CARD", "LICENSE");
    private static final int MAX_CHECKS = 50;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    JobWake wake;

    @Override
    public EvaluationSuiteDto createSuite(JsonObject body) {
        Caller who = caller.get();
        boolean allowed = who.registryAdmin()
                || who.roles().values().stream().anyMatch(r -> r.contains(Role.ADMIN) || r.contains(Role.REVIEWER));
        if (!allowed) {
            throw new ForbiddenException("Evaluation suites are defined by administrators and reviewers");
        }
        RequestJson json = RequestJson.of(body, Set.of("name", "description", "riskTiers", "groups", "checks"));
        String name = json.string("name");
        String description = json.string("description");
        List<String> tiers = json.strings("riskTiers");
        List<String> groups = json.strings("groups");
        JsonValue checksValue = body.get("checks");
        json.done();
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", name);
        CatalogRules.description(errors, "description", description);
        JsonArray checks = checks(errors, checksValue);
        errors.throwIfAny();
        long taken = ((Number) em.createNativeQuery("SELECT count(*) FROM evaluation_suite WHERE name = ?")
                        .setParameter(1, name)
                        .getSingleResult())
                .longValue();
        if (taken > 0) {
            throw new ConflictException("An evaluation suite named " + name + " exists", "name");
        }
        UUID id = Uuid7.next();
        OffsetDateTime now = AuditedEntity.now();
        em.createNativeQuery("INSERT INTO evaluation_suite (id, name, description, risk_tiers, model_groups, checks,"
                        + " suite_version, created_at, created_by, updated_at, updated_by) VALUES (CAST(? AS uuid), ?, ?,"
                        + " ?, ?, CAST(? AS jsonb), 1, ?, ?, ?, ?)")
                .setParameter(1, id.toString())
                .setParameter(2, name)
                .setParameter(3, description)
                .setParameter(4, String.join(",", tiers == null ? List.of() : tiers))
                .setParameter(5, String.join(",", groups == null ? List.of() : groups))
                .setParameter(6, checks.toString())
                .setParameter(7, now)
                .setParameter(8, who.username())
                .setParameter(9, now)
                .setParameter(10, who.username())
                .executeUpdate();
        audit.record(
                who.username(),
                "evaluation-suite.created",
                "evaluation_suite",
                id,
                null,
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("checks", checks)
                        .build());
        return suite(id);
    }

    /** Validates the checks: unique DNS-label names, a known kind, and each kind's own settings. */
    private static JsonArray checks(FieldErrors errors, JsonValue value) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CHECKS) {
            errors.add("checks", "must be an array of 1 to " + MAX_CHECKS + " checks");
            return out.build();
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "checks[" + i + "]";
            if (!(array.get(i) instanceof JsonObject check)) {
                errors.add(field, "must be an object {name, kind, ...}");
                continue;
            }
            String name = check.getString("name", null);
            String kind = check.getString("kind", null);
            CatalogRules.dnsLabel(errors, field + ".name", name);
            if (name != null && !names.add(name)) {
                errors.add(field + ".name", "is used by another check of the suite");
            }
            if (kind == null || !KINDS.contains(kind)) {
                errors.add(field + ".kind", "one of " + KINDS);
                continue;
            }
            switch (kind) {
                case "METRIC_THRESHOLD" -> {
                    String expression = check.getString("expression", null);
                    if (expression == null) {
                        errors.add(
                                field + ".expression", "is required: CEL over metrics, e.g. metrics.accuracy >= 0.9");
                    } else {
                        MetricThreshold.compile(expression); // 422 with line and column
                    }
                }
                case "LICENSE" -> {
                    if (!(check.get("allow") instanceof JsonArray allow)
                            || allow.isEmpty()
                            || !allow.stream().allMatch(v -> v instanceof JsonString)) {
                        errors.add(field + ".allow", "is required: the SPDX ids allowed");
                    }
                }
                case "MODEL_CARD" -> {
                    if (check.containsKey("sections") && !(check.get("sections") instanceof JsonArray)) {
                        errors.add(field + ".sections", "must be an array of section names");
                    }
                }
                default -> {
                    // INTEGRITY takes no settings
                }
            }
            out.add(check);
        }
        return out.build();
    }

    @Override
    public List<EvaluationSuiteDto> suites() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(SUITE_SELECT + " ORDER BY name").getResultList();
        return rows.stream().map(EvaluationServiceBean::suiteDto).toList();
    }

    private static final String SUITE_SELECT = "SELECT id::text, name, description, risk_tiers, model_groups,"
            + " checks::text, suite_version, created_at, created_by, updated_at, updated_by FROM evaluation_suite";

    @Override
    public EvaluationSuiteDto suite(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SUITE_SELECT + " WHERE id = CAST(? AS uuid)")
                .setParameter(1, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("evaluation suite", id);
        }
        return suiteDto(rows.get(0));
    }

    private static EvaluationSuiteDto suiteDto(Object[] r) {
        return new EvaluationSuiteDto(
                UUID.fromString((String) r[0]),
                (String) r[1],
                (String) r[2],
                split((String) r[3]),
                split((String) r[4]),
                Json.createReader(new StringReader((String) r[5])).readArray(),
                ((Number) r[6]).intValue(),
                time(r[7]),
                (String) r[8],
                time(r[9]),
                (String) r[10]);
    }

    @Override
    public EvaluationRunDto startRun(UUID modelId, String version, JsonObject body) {
        Model model = access.changeable(modelId);
        ModelVersion v = access.version(modelId, version);
        RequestJson json = RequestJson.of(body, Set.of("suite", "metrics", "dataset"));
        String suiteName = json.string("suite");
        JsonObject metrics = json.jsonObject("metrics");
        String dataset = json.string("dataset");
        json.done();
        FieldErrors errors = new FieldErrors();
        errors.check(suiteName != null, "suite", "is required: the name of an evaluation suite");
        errors.check(
                dataset == null || dataset.length() <= CatalogRules.MAX_URI,
                "dataset",
                "at most " + CatalogRules.MAX_URI + " characters");
        if (metrics != null) {
            metrics.forEach((k, val) -> errors.check(val instanceof JsonNumber, "metrics." + k, "must be a number"));
            errors.check(metrics.size() <= 200, "metrics", "at most 200 metrics");
        }
        errors.throwIfAny();
        @SuppressWarnings("unchecked")
        List<Object[]> suites = em.createNativeQuery("SELECT id::text, suite_version, checks::text, risk_tiers,"
                        + " model_groups FROM evaluation_suite WHERE name = ?")
                .setParameter(1, suiteName)
                .getResultList();
        if (suites.isEmpty()) {
            throw new InvalidInputException("suite", "no evaluation suite named " + suiteName);
        }
        Object[] suite = suites.get(0);
        // a suite scoped to risk tiers or groups evaluates only the models in its scope
        List<String> tiers = split((String) suite[3]);
        List<String> groups = split((String) suite[4]);
        if (!tiers.isEmpty() && !tiers.contains(model.getRiskTier().name())) {
            throw new InvalidInputException(
                    "suite", "the suite " + suiteName + " is for risk tiers " + tiers + ", not " + model.getRiskTier());
        }
        if (!groups.isEmpty() && !groups.contains(model.getGroup())) {
            throw new InvalidInputException(
                    "suite", "the suite " + suiteName + " is for the groups " + groups + ", not " + model.getGroup());
        }
        UUID id = Uuid7.next();
        String actor = caller.get().username();
        em.createNativeQuery(
                        "INSERT INTO evaluation_run (id, model_id, version_id, suite_id, suite_version, checks,"
                                + " metrics, dataset, state, requested_at, requested_by) VALUES (CAST(? AS uuid), CAST(? AS uuid),"
                                + " CAST(? AS uuid), CAST(? AS uuid), ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, 'QUEUED', ?, ?)")
                .setParameter(1, id.toString())
                .setParameter(2, modelId.toString())
                .setParameter(3, v.getId().toString())
                .setParameter(4, suite[0])
                .setParameter(5, suite[1])
                .setParameter(6, suite[2])
                .setParameter(7, (metrics == null ? JsonValue.EMPTY_JSON_OBJECT : metrics).toString())
                .setParameter(8, dataset)
                .setParameter(9, AuditedEntity.now())
                .setParameter(10, actor)
                .executeUpdate();
        wake.afterCommit();
        audit.record(
                actor,
                "evaluation.requested",
                "model_version",
                v.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("run", id.toString())
                        .add("suite", suiteName)
                        .build());
        return run(modelId, version, id);
    }

    @Override
    public EvaluationRunDto run(UUID modelId, String version, UUID runId) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        List<EvaluationRunDto> runs = load(v, runId);
        if (runs.isEmpty()) {
            throw new NotFoundException("evaluation run", runId);
        }
        return runs.get(0);
    }

    @Override
    public List<EvaluationRunDto> runs(UUID modelId, String version) {
        access.visible(modelId);
        return load(access.version(modelId, version), null);
    }

    private List<EvaluationRunDto> load(ModelVersion v, UUID runId) {
        var query = em.createNativeQuery("SELECT r.id::text, s.name, r.suite_version, r.state, r.metrics::text,"
                        + " r.dataset, r.attempt, r.requested_at, r.requested_by, r.started_at, r.finished_at, r.message"
                        + " FROM evaluation_run r JOIN evaluation_suite s ON s.id = r.suite_id WHERE r.version_id ="
                        + " CAST(? AS uuid)" + (runId == null ? "" : " AND r.id = CAST(? AS uuid)")
                        + " ORDER BY r.requested_at, r.id")
                .setParameter(1, v.getId().toString());
        if (runId != null) {
            query.setParameter(2, runId.toString());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        // every check result of these runs in one query, not one per run (of one run when one is asked for)
        var resultQuery = em.createNativeQuery("SELECT c.run_id::text, c.check_name, c.kind, c.status,"
                        + " c.measured::text, c.message, c.finished_at FROM evaluation_check_result c"
                        + (runId == null
                                ? " JOIN evaluation_run r ON r.id = c.run_id WHERE r.version_id = CAST(? AS uuid)"
                                : " WHERE c.run_id = CAST(? AS uuid)")
                        + " ORDER BY c.check_name")
                .setParameter(1, runId == null ? v.getId().toString() : runId.toString());
        @SuppressWarnings("unchecked")
        List<Object[]> results = resultQuery.getResultList();
        Map<String, List<CheckResultDto>> checksByRun = new HashMap<>();
        for (Object[] c : results) {
            checksByRun
                    .computeIfAbsent((String) c[0], k -> new ArrayList<>())
                    .add(new CheckResultDto(
                            (String) c[1],
                            (String) c[2],
                            (String) c[3],
                            JsonText.parse((String) c[4]),
                            (String) c[5],
                            time(c[6])));
        }
        List<EvaluationRunDto> runs = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = UUID.fromString((String) r[0]);
            runs.add(new EvaluationRunDto(
                    id,
                    v.getModelId(),
                    v.getVersion(),
                    (String) r[1],
                    ((Number) r[2]).intValue(),
                    (String) r[3],
                    JsonText.parse((String) r[4]),
                    (String) r[5],
                    ((Number) r[6]).intValue(),
                    time(r[7]),
                    (String) r[8],
                    time(r[9]),
                    time(r[10]),
                    (String) r[11],
                    checksByRun.getOrDefault((String) r[0], List.of())));
        }
        return runs;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
