package org.modelregistry.application.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.evaluation.CheckResultDto;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.domain.evaluation.EvaluationCheckResult;
import org.modelregistry.domain.evaluation.EvaluationRun;
import org.modelregistry.domain.evaluation.EvaluationSuite;

/** Evaluation suites, runs and check results as the API shows them. */
final class EvaluationMapper {

    private EvaluationMapper() {}

    static EvaluationSuiteDto suite(EvaluationSuite s) {
        return new EvaluationSuiteDto(
                s.getId(),
                s.getName(),
                s.getDescription(),
                s.getRiskTiers(),
                s.getGroups(),
                s.getChecks(),
                s.getVersion(),
                s.getCreatedAt(),
                s.getCreatedBy(),
                s.getUpdatedAt(),
                s.getUpdatedBy());
    }

    static CheckResultDto result(EvaluationCheckResult c) {
        return new CheckResultDto(
                c.getCheckName(),
                c.getKind(),
                c.getStatus().name(),
                c.getMeasured(),
                c.getMessage(),
                c.getFinishedAt());
    }

    /** @param version the version's name (the run holds its id) */
    static EvaluationRunDto run(EvaluationRun r, String version, List<CheckResultDto> checks) {
        return new EvaluationRunDto(
                r.getId(),
                r.getModelId(),
                version,
                r.getSuite().getName(),
                r.getSuiteVersion(),
                r.getState().name(),
                r.metricsJson(),
                r.getDataset(),
                r.getAttempt(),
                r.getRequestedAt(),
                r.getRequestedBy(),
                r.getStartedAt(),
                r.getFinishedAt(),
                r.getMessage(),
                checks);
    }

    /** Runs with their check results (of any of these runs, in the order given). */
    static List<EvaluationRunDto> runs(List<EvaluationRun> runs, List<EvaluationCheckResult> results, String version) {
        Map<UUID, List<CheckResultDto>> byRun = new HashMap<>();
        for (EvaluationCheckResult c : results) {
            byRun.computeIfAbsent(c.getRunId(), k -> new ArrayList<>()).add(result(c));
        }
        return runs.stream()
                .map(r -> run(r, version, byRun.getOrDefault(r.getId(), List.of())))
                .toList();
    }
}
