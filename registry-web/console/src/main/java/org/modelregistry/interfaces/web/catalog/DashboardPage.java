package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.DailyCountDto;
import org.modelregistry.api.common.FailureDto;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.governance.PendingReviewDto;
import org.modelregistry.api.governance.ReviewQueueService;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.api.search.SearchResultDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.interfaces.web.ConsoleTheme;

/**
 * {@code index.xhtml}, the dashboard: for the signed-in person and only over the organizations they may see, the
 * models by risk tier and the versions by state (two facet counts of the search index, milliseconds however large
 * the catalog), the versions waiting for their review, and the latest failed evaluations, failed deployments and
 * policy blocks with their number per day. Every figure comes from the services, which scope it to the caller; the
 * page only draws it. The charts are Chart.js configurations (PrimeFaces' {@code p:chart}) built from enum names and
 * numbers only, and every chart has its figures as text beside it or in a table for screen readers.
 */
@Named
@RequestScoped
public class DashboardPage {

    static final int FAILURES_LISTED = 10;
    static final int FAILURE_DAYS = 14;

    /** Chart colours with at least 3:1 contrast on both themes' surfaces (WCAG 1.4.11). */
    private static final Map<RiskTier, String> TIER_COLOURS = Map.of(
            RiskTier.LOW, "#2563eb",
            RiskTier.MEDIUM, "#ca8a04",
            RiskTier.HIGH, "#ea580c",
            RiskTier.CRITICAL, "#dc2626");

    private static final String EVALUATION_COLOUR = "#7c3aed";
    private static final String DEPLOYMENT_COLOUR = "#dc2626";
    private static final String POLICY_COLOUR = "#ca8a04";

    private static final RecentFailuresDto NONE = new RecentFailuresDto(List.of(), List.of());

    @EJB
    SearchService search;

    @EJB
    ReviewQueueService reviews;

    @EJB
    EvaluationService evaluations;

    @EJB
    DeploymentService deployments;

    @EJB
    PolicyService policies;

    @Inject
    ConsoleTheme theme;

    /** A named figure: a tier or a state and its count. */
    public record Figure(String name, long count) {}

    /** One day of the failure chart, as its table says it. */
    public record FailureDay(LocalDate day, long evaluations, long deployments, long policyBlocks) {}

    /** One list of recent failures, as its section shows it. */
    public record FailureGroup(String id, String heading, String subject, String none, List<FailureDto> failures) {}

    private List<Figure> tiers = List.of();
    private List<Figure> states = List.of();
    private long models;
    private long versions;
    private List<PendingReviewDto> waiting = List.of();
    // empty until load(): a postback from this page (signing out) walks its tables without loading them
    private RecentFailuresDto evaluationFailures = NONE;
    private RecentFailuresDto deploymentFailures = NONE;
    private RecentFailuresDto policyBlocks = NONE;

    /** The page's viewAction: one call per figure, each scoped by its service to the caller. */
    public void load() {
        SearchResultDto modelCounts = count("model");
        models = modelCounts.total();
        tiers = figures(
                Stream.of(RiskTier.values()).map(Enum::name).toList(),
                modelCounts.facets().getOrDefault("riskTier", Map.of()));
        SearchResultDto versionCounts = count("version");
        versions = versionCounts.total();
        states = figures(
                Stream.of(VersionState.values()).map(Enum::name).toList(),
                versionCounts.facets().getOrDefault("state", Map.of()));
        waiting = reviews.waitingForMe(ReviewQueueService.DEFAULT_LIMIT);
        RecentFailuresQuery recent = new RecentFailuresQuery(FAILURES_LISTED, FAILURE_DAYS);
        evaluationFailures = evaluations.recentFailures(recent);
        deploymentFailures = deployments.recentFailures(recent);
        policyBlocks = policies.recentBlocks(recent);
    }

    /** Everything of a type the caller may see, counted: no hit is read but the one the search always returns. */
    private SearchResultDto count(String type) {
        return search.search(new SearchRequest(
                null, type, null, null, null, null, null, null, null, null, null, "created", 1, null));
    }

    private static List<Figure> figures(List<String> names, Map<String, Long> counts) {
        return names.stream()
                .map(n -> new Figure(n, counts.getOrDefault(n, 0L)))
                .toList();
    }

    public List<Figure> getTiers() {
        return tiers;
    }

    public List<Figure> getStates() {
        return states;
    }

    public long getModels() {
        return models;
    }

    public long getVersions() {
        return versions;
    }

    public long getInReview() {
        return states.stream()
                .filter(f -> f.name().equals(VersionState.IN_REVIEW.name()))
                .mapToLong(Figure::count)
                .sum();
    }

    public List<PendingReviewDto> getWaiting() {
        return waiting;
    }

    public List<FailureGroup> getFailureGroups() {
        return List.of(
                new FailureGroup(
                        "evaluationFailures",
                        "Failed evaluations",
                        "Suite",
                        "No evaluation run failed lately.",
                        evaluationFailures.latest()),
                new FailureGroup(
                        "deploymentFailures",
                        "Failed deployments",
                        "Target",
                        "No deployment failed lately.",
                        deploymentFailures.latest()),
                new FailureGroup(
                        "policyBlocks",
                        "Policy blocks",
                        "Policy (move)",
                        "No policy blocked a move lately.",
                        policyBlocks.latest()));
    }

    public long getFailuresInWindow() {
        return getFailureDays().stream()
                .mapToLong(d -> d.evaluations() + d.deployments() + d.policyBlocks())
                .sum();
    }

    public int getFailureDayCount() {
        return FAILURE_DAYS;
    }

    public List<FailureDay> getFailureDays() {
        Map<LocalDate, Long> e = byDay(evaluationFailures);
        Map<LocalDate, Long> d = byDay(deploymentFailures);
        Map<LocalDate, Long> p = byDay(policyBlocks);
        List<FailureDay> days = new ArrayList<>();
        for (DailyCountDto day : evaluationFailures.perDay()) {
            LocalDate at = day.day();
            days.add(new FailureDay(at, e.getOrDefault(at, 0L), d.getOrDefault(at, 0L), p.getOrDefault(at, 0L)));
        }
        return days;
    }

    private static Map<LocalDate, Long> byDay(RecentFailuresDto failures) {
        return failures.perDay().stream().collect(Collectors.toMap(DailyCountDto::day, DailyCountDto::count));
    }

    // --- text alternatives of the charts

    public String getTierSummary() {
        return summary("Models by risk tier", tiers);
    }

    public String getStateSummary() {
        return summary("Versions by state", states);
    }

    public String getFailureSummary() {
        long e = getFailureDays().stream().mapToLong(FailureDay::evaluations).sum();
        long d = getFailureDays().stream().mapToLong(FailureDay::deployments).sum();
        long p = getFailureDays().stream().mapToLong(FailureDay::policyBlocks).sum();
        return "Failures per day over the last " + FAILURE_DAYS + " days: " + e + " failed evaluations, " + d
                + " failed deployments, " + p + " policy blocks. The table below the chart lists each day.";
    }

    private static String summary(String title, List<Figure> figures) {
        return title + ": "
                + figures.stream().map(f -> f.name() + " " + f.count()).collect(Collectors.joining(", "))
                + ".";
    }

    // --- the charts (Chart.js 4 configurations)

    public String getTierChart() {
        JsonArrayBuilder colours = Json.createArrayBuilder();
        tiers.forEach(t -> colours.add(TIER_COLOURS.get(RiskTier.valueOf(t.name()))));
        JsonObject data = Json.createObjectBuilder()
                .add("labels", labels(tiers, Figure::name))
                .add(
                        "datasets",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("label", "Models")
                                        .add("data", counts(tiers))
                                        .add("backgroundColor", colours)
                                        .add("borderColor", surface())))
                .build();
        return chart("doughnut", data, options(false).add("plugins", legend("right")))
                .toString();
    }

    public String getStateChart() {
        JsonObject data = Json.createObjectBuilder()
                .add("labels", labels(states, Figure::name))
                .add(
                        "datasets",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("label", "Versions")
                                        .add("data", counts(states))
                                        .add("backgroundColor", accent())))
                .build();
        return chart(
                        "bar",
                        data,
                        // horizontal bars: the state names read along their own line instead of crowding the axis
                        options(true)
                                .add("indexAxis", "y")
                                .add("plugins", Json.createObjectBuilder().add("legend", hidden())))
                .toString();
    }

    public String getFailureChart() {
        List<FailureDay> days = getFailureDays();
        JsonObject data = Json.createObjectBuilder()
                .add("labels", labels(days, d -> d.day().toString().substring(5)))
                .add(
                        "datasets",
                        Json.createArrayBuilder()
                                .add(series("Failed evaluations", days, FailureDay::evaluations, EVALUATION_COLOUR))
                                .add(series("Failed deployments", days, FailureDay::deployments, DEPLOYMENT_COLOUR))
                                .add(series("Policy blocks", days, FailureDay::policyBlocks, POLICY_COLOUR)))
                .build();
        JsonObjectBuilder options = options(false).add("plugins", legend("bottom"));
        JsonObject scales = Json.createObjectBuilder()
                .add("x", axis().add("stacked", true))
                .add("y", axis().add("stacked", true).add("beginAtZero", true))
                .build();
        return chart("bar", data, options.add("scales", scales)).toString();
    }

    private static JsonObjectBuilder series(
            String label, List<FailureDay> days, Function<FailureDay, Long> count, String colour) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        days.forEach(d -> values.add(count.apply(d)));
        return Json.createObjectBuilder()
                .add("label", label)
                .add("data", values)
                .add("backgroundColor", colour);
    }

    private static JsonObject chart(String type, JsonObject data, JsonObjectBuilder options) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("data", data)
                .add("options", options)
                .build();
    }

    /** No animation (screenshots, and people who prefer less motion), sized by its box, in the theme's colours. */
    private JsonObjectBuilder options(boolean axes) {
        JsonObjectBuilder options = Json.createObjectBuilder()
                .add("animation", false)
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("color", text());
        if (axes) {
            options.add(
                    "scales", Json.createObjectBuilder().add("x", axis()).add("y", axis().add("beginAtZero", true)));
        }
        return options;
    }

    private JsonObjectBuilder axis() {
        return Json.createObjectBuilder()
                .add("ticks", Json.createObjectBuilder().add("color", text()).add("precision", 0))
                .add("grid", Json.createObjectBuilder().add("color", grid()));
    }

    private JsonObjectBuilder legend(String position) {
        return Json.createObjectBuilder()
                .add(
                        "legend",
                        Json.createObjectBuilder()
                                .add("position", position)
                                .add("labels", Json.createObjectBuilder().add("color", text())));
    }

    private static JsonObjectBuilder hidden() {
        return Json.createObjectBuilder().add("display", false);
    }

    private static <T> JsonArrayBuilder labels(List<T> items, Function<T, String> label) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        items.forEach(i -> labels.add(label.apply(i)));
        return labels;
    }

    private static JsonArrayBuilder counts(List<Figure> figures) {
        JsonArrayBuilder counts = Json.createArrayBuilder();
        figures.forEach(f -> counts.add(f.count()));
        return counts;
    }

    // the colours of console.css and console-dark.css, for the canvas that CSS does not reach
    private String text() {
        return theme.isDark() ? "#f3f4f6" : "#1f2933";
    }

    private String grid() {
        return theme.isDark() ? "#4b5563" : "#c8d0da";
    }

    private String surface() {
        return theme.isDark() ? "#1f2937" : "#ffffff";
    }

    private String accent() {
        return theme.isDark() ? "#93c5fd" : "#1d4ed8";
    }
}
