package org.modelregistry.domain.evaluation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;

/** Loads and stores evaluation suites, runs and the results of their checks. */
public interface EvaluationRepository {

    /** Every suite, by name. */
    List<EvaluationSuite> suites();

    Optional<EvaluationSuite> findSuite(UUID id);

    Optional<EvaluationSuite> findSuite(String name);

    /**
     * Stores a new suite now and reads it back as the database holds it: jsonb normalises the JSON text (key order,
     * spacing), and answers show what was stored.
     */
    void add(EvaluationSuite suite);

    /** Stores a new run now and reads it back as the database holds it (see {@link #add(EvaluationSuite)}). */
    void add(EvaluationRun run);

    /** The runs of a version with their suites, oldest request first. */
    List<EvaluationRun> runs(UUID versionId);

    Optional<EvaluationRun> findRun(UUID versionId, UUID runId);

    /**
     * Claims the run for {@code owner} as {@link EvaluationRun#claim} does (QUEUED, or RUNNING on a lease that ran
     * out), in one statement.
     *
     * @return the run as claimed, or empty when it is not there to be claimed
     */
    Optional<EvaluationRun> claim(UUID runId, String owner);

    /**
     * Completes a RUNNING run as {@link EvaluationRun#complete} does, in one statement.
     *
     * @return the run as completed, or empty when it was not RUNNING (another worker completed it)
     */
    Optional<EvaluationRun> complete(UUID runId, EvaluationRunState state, String message);

    /** The check results of every run of a version, by check name. */
    List<EvaluationCheckResult> results(UUID versionId);

    /** The check results of one run, by check name. */
    List<EvaluationCheckResult> resultsOfRun(UUID runId);

    /** The names of the checks of a run that have a result. */
    Set<String> recordedChecks(UUID runId);

    List<Status> recordedStatuses(UUID runId);

    /** Records a check's result; a result already recorded for the same check of the run is kept as it is. */
    void record(UUID runId, String checkName, String kind, CheckOutcome outcome);

    /** The artifacts of a version, by name: what LICENSE, MODEL_CARD and INTEGRITY checks read. */
    List<Artifact> artifacts(UUID versionId);
}
