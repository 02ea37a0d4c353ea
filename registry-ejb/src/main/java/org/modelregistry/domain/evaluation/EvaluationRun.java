package org.modelregistry.domain.evaluation;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.RecentFailureSql;
import org.modelregistry.domain.shared.Uuid7;

/**
 * A run of a suite against a version. It is asked for QUEUED (the row is also the outbox entry of its message,
 * docs/adr/0001); a worker claims it with a lease, which makes it RUNNING; another worker may claim it again once the
 * lease has run out (the first one crashed). It is completed once, from RUNNING, with the results of its checks:
 * PASSED, FAILED or ERROR, which it stays. The moves not listed here cannot be made.
 */
@Entity
@Table(name = "evaluation_run")
// The claim and the completion as one statement each: the same rules as claim() and complete(), applied by the
// database to the row it holds, so that a worker takes or finishes a run in one round trip (JobsBenchmark).
@NamedNativeQuery(
        name = "EvaluationRun.claim",
        resultClass = EvaluationRun.class,
        query = "UPDATE evaluation_run SET state = 'RUNNING', attempt = attempt + 1,"
                + " lease_until = now() + make_interval(secs => ?), started_at = coalesce(started_at, now()),"
                + " lease_owner = ? WHERE id = CAST(? AS uuid)"
                + " AND (state = 'QUEUED' OR (state = 'RUNNING' AND lease_until < now())) RETURNING *")
@NamedNativeQuery(
        name = "EvaluationRun.complete",
        resultClass = EvaluationRun.class,
        query = "UPDATE evaluation_run SET state = ?, finished_at = now(), lease_until = NULL, message = ?"
                + " WHERE id = CAST(? AS uuid) AND state = 'RUNNING' RETURNING *")
@NamedQuery(
        name = "EvaluationRun.findByVersion",
        query = "SELECT r FROM EvaluationRun r JOIN FETCH r.suite WHERE r.versionId = :versionId"
                + " ORDER BY r.requestedAt, r.id")
// the dashboard's recent failures (application.shared.RecentFailures), over the partial index of failed runs
@NamedNativeQuery(
        name = "EvaluationRun.recentFailures",
        query = "SELECT r.finished_at, m.id::text, m.model_group, m.name, v.version, s.name,"
                + " coalesce(r.message, r.state)"
                + " FROM evaluation_run r JOIN model m ON m.id = r.model_id JOIN model_version v ON v.id = r.version_id"
                + " JOIN evaluation_suite s ON s.id = r.suite_id"
                + " WHERE r.state IN ('FAILED', 'ERROR') AND r.finished_at IS NOT NULL AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " ORDER BY r.finished_at DESC, r.id DESC LIMIT ?")
@NamedNativeQuery(
        name = "EvaluationRun.failuresPerDay",
        query = "SELECT to_char(r.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n"
                + " FROM evaluation_run r JOIN model m ON m.id = r.model_id"
                + " WHERE r.state IN ('FAILED', 'ERROR') AND r.finished_at IS NOT NULL AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " AND r.finished_at >=" + RecentFailureSql.WINDOW_START
                + " GROUP BY 1")
public class EvaluationRun {

    /** How long a claim holds the run before another worker may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    static final int MAX_METRICS = 200;

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "suite_id", nullable = false, updatable = false)
    private EvaluationSuite suite;

    @Column(name = "suite_version", nullable = false, updatable = false)
    private int suiteVersion;

    /** The suite's checks as they were when the run was asked for: a JSON array in a jsonb column. */
    @Column(name = "checks", nullable = false, updatable = false)
    private String checks;

    /** Metric names to numbers: a JSON object in a jsonb column. */
    @Column(name = "metrics", nullable = false, updatable = false)
    private String metrics;

    @Column(name = "dataset", updatable = false, length = CatalogRules.MAX_URI)
    private String dataset;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private EvaluationRunState state;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "lease_until")
    private OffsetDateTime leaseUntil;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "requested_by", nullable = false, updatable = false, length = 128)
    private String requestedBy;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "message")
    private String message;

    protected EvaluationRun() {
        // for JPA
    }

    /**
     * The rules a request breaks before any suite is looked up: a suite named, a dataset URI of bounded length, and
     * at most {@value #MAX_METRICS} metrics that are all numbers.
     *
     * @throws org.modelregistry.api.problem.InvalidInputException naming every invalid field
     */
    public static void validate(StartEvaluationRequest request) {
        FieldErrors errors = new FieldErrors();
        errors.check(request.suite() != null, "suite", "is required: the name of an evaluation suite");
        errors.check(
                request.dataset() == null || request.dataset().length() <= CatalogRules.MAX_URI,
                "dataset",
                "at most " + CatalogRules.MAX_URI + " characters");
        if (request.metrics() != null) {
            request.metrics()
                    .forEach((k, v) -> errors.check(v instanceof JsonNumber, "metrics." + k, "must be a number"));
            errors.check(request.metrics().size() <= MAX_METRICS, "metrics", "at most " + MAX_METRICS + " metrics");
        }
        errors.throwIfAny();
    }

    /**
     * Asks for a run of the suite against a version of the model: QUEUED, with the suite's checks as they are now.
     *
     * @throws org.modelregistry.api.problem.InvalidInputException when the request is invalid or the model is outside
     *     the suite's scope (422 on {@code suite})
     */
    public static EvaluationRun request(
            EvaluationSuite suite, Model model, UUID versionId, StartEvaluationRequest request, String actor) {
        validate(request);
        suite.requireInScope(model.getRiskTier(), model.getGroup());
        EvaluationRun run = new EvaluationRun();
        run.id = Uuid7.next();
        run.modelId = model.getId();
        run.versionId = versionId;
        run.suite = suite;
        run.suiteVersion = suite.getVersion();
        run.checks = suite.checksJson();
        run.metrics = (request.metrics() == null ? JsonValue.EMPTY_JSON_OBJECT : request.metrics()).toString();
        run.dataset = request.dataset();
        run.state = EvaluationRunState.QUEUED;
        run.requestedAt = AuditedEntity.now();
        run.requestedBy = actor;
        return run;
    }

    /** Whether a worker may claim the run at {@code now}: it is QUEUED, or RUNNING on a lease that has run out. */
    public boolean claimable(OffsetDateTime now) {
        return state == EvaluationRunState.QUEUED
                || (state == EvaluationRunState.RUNNING && leaseUntil != null && leaseUntil.isBefore(now));
    }

    /**
     * A worker takes the run for {@link #LEASE} from {@code now}: RUNNING, one more attempt, started when it was
     * first claimed.
     *
     * @throws ConflictException unless {@link #claimable(OffsetDateTime)}
     */
    public void claim(String owner, OffsetDateTime now) {
        if (!claimable(now)) {
            throw new ConflictException(
                    "Evaluation run " + id + " is " + state
                            + (state == EvaluationRunState.RUNNING ? " on a lease until " + leaseUntil : "")
                            + ": it cannot be claimed",
                    "state");
        }
        state = EvaluationRunState.RUNNING;
        attempt++;
        leaseUntil = now.plus(LEASE);
        leaseOwner = owner;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    /**
     * Finishes a RUNNING run with the statuses of its checks (see {@link EvaluationRunState#of(Collection)}) and
     * releases its lease.
     *
     * @return the state it finished in
     * @throws ConflictException unless the run is RUNNING
     */
    public EvaluationRunState complete(Collection<Status> results, OffsetDateTime now) {
        if (state != EvaluationRunState.RUNNING) {
            throw new ConflictException("Evaluation run " + id + " is " + state + ": it cannot be completed", "state");
        }
        state = EvaluationRunState.of(results);
        finishedAt = now;
        leaseUntil = null;
        message = completion(results.size(), state);
        return state;
    }

    /** What a finished run says of itself: how many checks ran and how it ended. */
    public static String completion(int checks, EvaluationRunState state) {
        return checks + " checks, " + state;
    }

    /** From the first claim to the end, to the millisecond; null until the run is finished. */
    public Duration duration() {
        if (startedAt == null || finishedAt == null) {
            return null;
        }
        return Duration.ofMillis(
                Math.round(Duration.between(startedAt, finishedAt).toNanos() / 1e6));
    }

    /** The checks to do, as copied from the suite. */
    public JsonArray checks() {
        return JsonColumns.array(checks);
    }

    /** The metrics reported with the request, as a JSON object (names to numbers). */
    public JsonObject metricsJson() {
        return JsonColumns.object(metrics);
    }

    /** The numeric metrics as doubles, the form METRIC_THRESHOLD expressions read. */
    public Map<String, Number> metricValues() {
        Map<String, Number> values = new LinkedHashMap<>();
        metricsJson().forEach((k, v) -> {
            if (v instanceof JsonNumber n) {
                values.put(k, n.doubleValue());
            }
        });
        return values;
    }

    public UUID getId() {
        return id;
    }

    public UUID getModelId() {
        return modelId;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public EvaluationSuite getSuite() {
        return suite;
    }

    public int getSuiteVersion() {
        return suiteVersion;
    }

    public String getDataset() {
        return dataset;
    }

    public EvaluationRunState getState() {
        return state;
    }

    public int getAttempt() {
        return attempt;
    }

    public OffsetDateTime getLeaseUntil() {
        return leaseUntil;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public String getMessage() {
        return message;
    }
}
