package org.modelregistry.application.evaluation;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.jobs.JobWake;
import org.modelregistry.application.shared.RecentFailures;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.evaluation.EvaluationRepository;
import org.modelregistry.domain.evaluation.EvaluationRun;
import org.modelregistry.domain.evaluation.EvaluationSuite;
import org.modelregistry.domain.identity.Caller;

/**
 * Evaluation suites and runs. A run is only recorded here (QUEUED, in the request's transaction, with its audit
 * record); {@code JobRelay} publishes it to the evaluations queue after commit and the evaluations consumer has
 * {@link EvaluationExecutor} do it (docs/adr/0001).
 */
@Stateless
@Local(EvaluationService.class)
public class EvaluationServiceBean implements EvaluationService {

    @Inject
    EvaluationRepository evaluations;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    JobWake wake;

    @Inject
    RecentFailures failures;

    @Override
    public EvaluationSuiteDto createSuite(CreateSuiteRequest request) {
        Caller who = caller.get();
        boolean allowed = who.registryAdmin()
                || who.roles().values().stream().anyMatch(r -> r.contains(Role.ADMIN) || r.contains(Role.REVIEWER));
        if (!allowed) {
            throw new ForbiddenException("Evaluation suites are defined by administrators and reviewers");
        }
        EvaluationSuite suite = EvaluationSuite.define(request, who.username());
        if (evaluations.findSuite(suite.getName()).isPresent()) {
            throw new ConflictException("An evaluation suite named " + suite.getName() + " exists", "name");
        }
        JsonArray checks = suite.getChecks(); // as given: the audit record keeps them so, before jsonb reorders them
        evaluations.add(suite);
        audit.record(
                who.username(),
                "evaluation-suite.created",
                "evaluation_suite",
                suite.getId(),
                null,
                Json.createObjectBuilder()
                        .add("name", suite.getName())
                        .add("checks", checks)
                        .build());
        return EvaluationMapper.suite(suite);
    }

    @Override
    public List<EvaluationSuiteDto> suites() {
        return evaluations.suites().stream().map(EvaluationMapper::suite).toList();
    }

    @Override
    public EvaluationSuiteDto suite(UUID id) {
        return EvaluationMapper.suite(
                evaluations.findSuite(id).orElseThrow(() -> new NotFoundException("evaluation suite", id)));
    }

    @Override
    public EvaluationRunDto startRun(UUID modelId, String version, StartEvaluationRequest request) {
        Model model = access.changeable(modelId);
        ModelVersion v = access.version(modelId, version);
        EvaluationRun.validate(request);
        EvaluationSuite suite = evaluations
                .findSuite(request.suite())
                .orElseThrow(() -> new InvalidInputException("suite", "no evaluation suite named " + request.suite()));
        String actor = caller.get().username();
        EvaluationRun run = EvaluationRun.request(suite, model, v.getId(), request, actor);
        evaluations.add(run);
        wake.afterCommit();
        audit.record(
                actor,
                "evaluation.requested",
                "model_version",
                v.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("run", run.getId().toString())
                        .add("suite", suite.getName())
                        .build());
        // nothing is checked before the run is published after commit: no results yet
        return EvaluationMapper.run(run, v.getVersion(), List.of());
    }

    @Override
    public EvaluationRunDto run(UUID modelId, String version, UUID runId) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        EvaluationRun run =
                evaluations.findRun(v.getId(), runId).orElseThrow(() -> new NotFoundException("evaluation run", runId));
        return EvaluationMapper.runs(List.of(run), evaluations.resultsOfRun(runId), v.getVersion())
                .get(0);
    }

    @Override
    public List<EvaluationRunDto> runs(UUID modelId, String version) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        return EvaluationMapper.runs(evaluations.runs(v.getId()), evaluations.results(v.getId()), v.getVersion());
    }

    @Override
    public RecentFailuresDto recentFailures(RecentFailuresQuery query) {
        return failures.query(
                "EvaluationRun.recentFailures",
                "EvaluationRun.failuresPerDay",
                caller.get().visibleOrganizations(),
                query);
    }
}
