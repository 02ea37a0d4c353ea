package org.modelregistry.interfaces.web.governance;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.deployment.DeployRequest;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.api.deployment.DeploymentTargetDto;
import org.modelregistry.api.deployment.DeploymentTargetService;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.identity.OrganizationDto;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.api.policy.PolicyEvaluationDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PolicyViolationException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.governance.Lifecycle;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.interfaces.web.Messages;
import org.primefaces.PrimeFaces;

/**
 * {@code version.xhtml?model=<id>&version=<semver>}: one version with everything recorded about it (metadata, lineage,
 * evaluations, policy results, approvals, deployments) and the actions the signed-in person may take on it.
 *
 * <p>The page offers an action only to those the services would let do it (roles in the model's organization, the
 * version's state, four eyes); the services still decide, and their refusal is shown with its reason. The bean keeps
 * the version's address and the person's inputs; what it shows is read from the services again after every action
 * and every live event about the version (the lists are transient: never part of the session).
 */
@Named
@ViewScoped
public class VersionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Moves an owner may ask for on this page, in the order the buttons stand. */
    private static final List<VersionState> MOVES =
            List.of(VersionState.IN_REVIEW, VersionState.DRAFT, VersionState.DEPRECATED, VersionState.RETIRED);

    private static final int CHART_RUNS = 5;

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    LifecycleService lifecycle;

    @EJB
    EvaluationService evaluations;

    @EJB
    PolicyService policies;

    @EJB
    DeploymentService deployments;

    @EJB
    DeploymentTargetService targets;

    @EJB
    UserService users;

    @Inject
    CurrentCaller caller;

    private String model;
    private String version;
    private UUID organizationId;
    private String comment;
    private String target;
    /** The version's state and revision as the action buttons last showed them. */
    private String shown;

    private transient ModelDto modelDto;
    private transient ModelVersionDto versionDto;
    private transient List<ApprovalDto> approvals;
    private transient List<EvaluationRunDto> runs;
    private transient List<PolicyEvaluationDto> policyResults;
    private transient List<DeploymentDto> deploymentList;
    private transient List<String> targetNames;

    /** The page's view action: 404 for an address that names no version the person may see. */
    public void load() {
        modelId();
        if (version == null || version.isBlank()) {
            throw new NotFoundException("version", version);
        }
        refresh();
        String slug = getModel().organization();
        organizationId = users.organizations().stream()
                .filter(o -> o.slug().equals(slug))
                .map(OrganizationDto::id)
                .findFirst()
                .orElse(null);
        shown = signature(); // 404 before anything renders
    }

    /**
     * The live refresh (an event about this version arrived): the lists are read again; the state and the action
     * buttons only when the version changed, so that an event that did not change it (an artifact, an evaluation)
     * never replaces a button the person is about to confirm.
     */
    public void liveRefresh() {
        refresh();
        String now = signature();
        if (!now.equals(shown)) {
            shown = now;
            PrimeFaces.current().ajax().update("v:summary", "v:actionButtons");
        }
    }

    private String signature() {
        ModelVersionDto v = getVersionInfo();
        return v.state() + "/" + v.revision() + "/" + v.updatedAt();
    }

    /** Forgets what was read, so the next render reads the version as it is now. */
    public void refresh() {
        modelDto = null;
        versionDto = null;
        approvals = null;
        runs = null;
        policyResults = null;
        deploymentList = null;
        targetNames = null;
    }

    // ---- actions -------------------------------------------------------------------------------------------------

    /** Submit for review, withdraw, deprecate or retire: an owner's move. */
    public void move(String to) {
        VersionState state = VersionState.valueOf(to);
        attempt(
                () -> lifecycle.transition(modelId(), version, state, comment),
                "Version " + version + " is now " + state + ".");
    }

    /** A reviewer's decision, with the comment. */
    public void decide(String decision) {
        Decision d = Decision.valueOf(decision);
        attempt(
                () -> lifecycle.decide(modelId(), version, d, comment),
                "Your decision (" + d + ") on version " + version + " is recorded.");
    }

    /** A deployment to the chosen target (its environment is the target's). */
    public void deploy() {
        attempt(
                () -> deployments.deploy(modelId(), version, new DeployRequest(target)),
                "Deployment of version " + version + " to " + target + " requested.");
    }

    /**
     * Runs an action and says how it went: a policy refusal names each blocking policy and its message, any other
     * refusal its reason (beside the comment or target when it names one). Nothing changed when it was refused (the
     * service's transaction rolled back).
     */
    private void attempt(Runnable action, String done) {
        try {
            action.run();
            comment = null;
            Messages.info(done);
        } catch (PolicyViolationException e) {
            Messages.error(e.detail() + ".");
            for (FieldError violation : e.errors()) {
                Messages.error("Blocked by policy " + violation.field().replaceFirst("^policy:", "") + ": "
                        + violation.message());
            }
        } catch (RegistryException e) {
            refused(e);
        }
        refresh();
        shown = signature();
    }

    private static void refused(RegistryException e) {
        boolean shown = false;
        for (FieldError error : e.errors()) {
            if ("comment".equals(error.field()) || "target".equals(error.field())) {
                Messages.error("v:" + error.field(), error.message());
                shown = true;
            }
        }
        if (!shown) {
            Messages.error("Refused: " + e.detail());
        }
    }

    // ---- what the person may do ------------------------------------------------------------------------------------

    private Caller me() {
        return caller.get();
    }

    private boolean holds(Role role) {
        return organizationId != null && me().has(organizationId, role);
    }

    /** An owner (or an ADMIN of the organization) who works as a contributor there. */
    private boolean mayChange() {
        Caller me = me();
        boolean owner =
                me.registryAdmin() || holds(Role.ADMIN) || getModel().owners().contains(me.username());
        return owner && (me.registryAdmin() || holds(Role.CONTRIBUTOR) || holds(Role.ADMIN));
    }

    /** For a move's button: an owner, and a move the lifecycle allows from the version's state. */
    public boolean offers(String to) {
        VersionState state = VersionState.valueOf(to);
        ModelVersionDto v = getVersionInfo();
        return MOVES.contains(state) && mayChange() && Lifecycle.isRequestable(v.state(), state, v.contentFrozen());
    }

    /**
     * Decisions: a REVIEWER of the model's organization, on a version in review, who is neither an owner nor (as far
     * as the page knows: the last one to move it) its submitter. The service checks the submitter it recorded.
     */
    public boolean isDecisionOffered() {
        ModelVersionDto v = getVersionInfo();
        String name = me().username();
        return v.state() == VersionState.IN_REVIEW
                && holds(Role.REVIEWER)
                && !getModel().owners().contains(name)
                && !name.equals(v.updatedBy());
    }

    /** Deployments: a DEPLOYER (or registry administrator), an approved or deployed version, and a target. */
    public boolean isDeployOffered() {
        VersionState state = getVersionInfo().state();
        return (me().registryAdmin() || holds(Role.DEPLOYER))
                && (state == VersionState.APPROVED || state == VersionState.DEPLOYED)
                && !getTargetNames().isEmpty();
    }

    public boolean isAnyActionOffered() {
        return isDecisionOffered() || isDeployOffered() || MOVES.stream().anyMatch(m -> offers(m.name()));
    }

    /** The label of the move to DRAFT: from review it withdraws the submission. */
    public String getDraftLabel() {
        return getVersionInfo().state() == VersionState.IN_REVIEW ? "Withdraw from review" : "Return to draft";
    }

    // ---- what the page shows
    // -----------------------------------------------------------------------------------------

    public ModelDto getModel() {
        if (modelDto == null) {
            modelDto = models.get(modelId());
        }
        return modelDto;
    }

    public ModelVersionDto getVersionInfo() {
        if (versionDto == null) {
            versionDto = versions.get(modelId(), version);
        }
        return versionDto;
    }

    public String getOwners() {
        return String.join(", ", getModel().owners());
    }

    public String getTitle() {
        return getModel().group() + "/" + getModel().name() + " " + version;
    }

    /** The metadata, indented, for people to read. */
    public String getMetadataText() {
        JsonObject metadata = getVersionInfo().metadata();
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out)) {
            writer.writeObject(metadata);
        }
        return out.toString().strip();
    }

    public List<ApprovalDto> getApprovals() {
        if (approvals == null) {
            approvals = lifecycle.approvals(modelId(), version);
        }
        return approvals;
    }

    /** Evaluation runs, newest first. */
    public List<EvaluationRunDto> getRuns() {
        if (runs == null) {
            runs = evaluations.runs(modelId(), version).stream()
                    .sorted(Comparator.comparing(EvaluationRunDto::requestedAt).reversed())
                    .toList();
        }
        return runs;
    }

    /** Stored policy evaluations, newest first. */
    public List<PolicyEvaluationDto> getPolicyResults() {
        if (policyResults == null) {
            policyResults = policies.evaluations(modelId(), version).stream()
                    .sorted(Comparator.comparing(PolicyEvaluationDto::evaluatedAt)
                            .reversed())
                    .toList();
        }
        return policyResults;
    }

    /** Deployments by environment, then newest first. */
    public List<DeploymentDto> getDeployments() {
        if (deploymentList == null) {
            deploymentList = deployments.deployments(modelId(), version).stream()
                    .sorted(Comparator.comparing(DeploymentDto::environment)
                            .thenComparing(DeploymentDto::requestedAt, Comparator.reverseOrder()))
                    .toList();
        }
        return deploymentList;
    }

    /** The enabled deployment targets of the model's organization. */
    public List<String> getTargetNames() {
        if (targetNames == null) {
            String slug = getModel().organization();
            targetNames = me().registryAdmin() || holds(Role.DEPLOYER)
                    ? targets.targets().stream()
                            .filter(t -> slug.equals(t.organization()) && t.enabled())
                            .map(DeploymentTargetDto::name)
                            .sorted()
                            .toList()
                    : List.of();
        }
        return targetNames;
    }

    /**
     * The numeric metrics of the latest runs as a Chart.js bar chart (one bar group per metric, one colour per run),
     * or null when no run reported a number. Strings are escaped so that nothing a metric is named can end the script
     * the chart's configuration is written into.
     */
    public String getMetricChart() {
        List<EvaluationRunDto> recent = getRuns().stream()
                .filter(r -> !numbers(r).isEmpty())
                .limit(CHART_RUNS)
                .toList();
        if (recent.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        recent.forEach(r -> names.addAll(numbers(r).keySet()));
        String[] colours = {"#1d4ed8", "#166534", "#9a3412", "#6b21a8", "#374151"};
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        for (int i = 0; i < recent.size(); i++) {
            EvaluationRunDto run = recent.get(i);
            Map<String, Double> values = numbers(run);
            JsonArrayBuilder data = Json.createArrayBuilder();
            names.forEach(n -> {
                if (values.containsKey(n)) {
                    data.add(values.get(n));
                } else {
                    data.addNull();
                }
            });
            datasets.add(Json.createObjectBuilder()
                    .add(
                            "label",
                            run.suite() + " (" + run.state() + ", "
                                    + run.requestedAt().toLocalDate() + ")")
                    .add("data", data)
                    .add("backgroundColor", colours[i % colours.length]));
        }
        JsonObject config = Json.createObjectBuilder()
                .add("type", "bar")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", Json.createArrayBuilder(new ArrayList<>(names)))
                                .add("datasets", datasets))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("animation", false)
                                .add("maintainAspectRatio", false)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "y",
                                                        Json.createObjectBuilder()
                                                                .add("beginAtZero", true))))
                .build();
        return config.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** What the chart shows, in words (its text alternative). */
    public String getMetricSummary() {
        return getRuns().stream()
                .filter(r -> !numbers(r).isEmpty())
                .limit(CHART_RUNS)
                .map(r -> r.suite() + ": "
                        + numbers(r).entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static Map<String, Double> numbers(EvaluationRunDto run) {
        if (run.metrics() == null) {
            return Map.of();
        }
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : run.metrics().entrySet()) {
            if (e.getValue() instanceof JsonNumber n) {
                out.put(e.getKey(), n.doubleValue());
            }
        }
        return out;
    }

    /**
     * What a live event about this version contains ({@code "model":"<id>","version":"<v>"}, as {@code
     * ConsoleEventsConsumer} writes it): console.js refreshes the page's panels when an event holds it.
     */
    public String getLiveAbout() {
        return "\"model\":\"" + modelId() + "\",\"version\":\"" + version + "\"";
    }

    private UUID modelId() {
        try {
            return UUID.fromString(model == null ? "" : model.trim());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("model", model);
        }
    }

    // ---- view parameters and inputs
    // ----------------------------------------------------------------------------------

    public String getModelParam() {
        return model;
    }

    public void setModelParam(String model) {
        this.model = model;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
