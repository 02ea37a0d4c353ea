package org.modelregistry.application.warmup;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.CatalogQuery;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.domain.catalog.ModelRepository;

/**
 * One round of the warm-up through the services' own code, each in a transaction of its own that is rolled back
 * whatever happens: nothing it wrote is committed, so no row, audit record or queued job stays, no commit
 * notification is sent (PostgreSQL delivers NOTIFY on commit only) and no after-commit work (job wake-up, cache
 * invalidation, search indexing) runs. The caller is the warm-up's own ({@link Warmup}), set for the round.
 */
@Stateless
@LocalBean
public class WarmupRound {

    /** The evaluation suite's checks: one metric threshold, the cheapest kind, as the jobs benchmark uses. */
    private static final JsonArray CHECKS = Json.createArrayBuilder()
            .add(Json.createObjectBuilder()
                    .add("name", "quality")
                    .add("kind", "METRIC_THRESHOLD")
                    .add("expression", "metrics.accuracy >= 0.9"))
            .build();

    @Resource
    SessionContext context;

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    EvaluationService evaluations;

    @EJB
    SearchService search;

    @Inject
    ModelRepository catalog;

    /**
     * A model, its version and an evaluation run of it (the run is the job's outbox row), with their audit records,
     * written and flushed, then rolled back. Nothing written is read back by id here: those reads go through the
     * cluster's read cache, which would keep what this transaction wrote after it rolled back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void register() {
        try {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            ModelDto model = models.create(new CreateModelRequest(
                    null, "warmup", "w-" + tag, "warm-up", null, RiskTier.LOW, List.of("warmup")));
            versions.create(
                    model.id(),
                    new CreateVersionRequest(
                            "1.0.0",
                            null,
                            Json.createObjectBuilder()
                                    .add("framework", "warmup")
                                    .build(),
                            null,
                            null));
            evaluations.createSuite(new CreateSuiteRequest("warmup-" + tag, null, null, null, CHECKS));
            evaluations.startRun(
                    model.id(),
                    "1.0.0",
                    new StartEvaluationRequest(
                            "warmup-" + tag,
                            Json.createObjectBuilder().add("accuracy", 0.95).build(),
                            null));
        } finally {
            context.setRollbackOnly();
        }
    }

    /** The default organization, where the warm-up's caller registers what it rolls back. */
    public UUID defaultOrganization() {
        return catalog.defaultOrganization().getId();
    }

    /**
     * A search and catalog reads on what exists (a listing, the catalog, a model by id through the read cache), in a
     * transaction that is rolled back too: reads write nothing, and nothing could stay if one did.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void read(String text) {
        try {
            search.search(new SearchRequest(
                    text, null, null, null, null, null, null, null, null, null, null, null, 10, null));
            models.catalog(new CatalogQuery(text, null, null, null, null, null, false, 10, null));
            models.list(null).items().stream().findFirst().ifPresent(m -> models.get(m.id()));
        } finally {
            context.setRollbackOnly();
        }
    }
}
