package org.modelregistry.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.evaluation.CheckOutcome;
import org.modelregistry.domain.evaluation.MetricThreshold;

/** Each way a policy or suite author could try to hang an evaluation, and the limit that stops it. */
class CelLimitsTest {

    private static Map<String, Object> input(int artifacts, String name) {
        List<Map<String, Object>> list = new ArrayList<>();
        IntStream.range(0, artifacts).forEach(i -> list.add(Map.of("name", "a" + i, "size", (long) i)));
        Map<String, Object> in = new HashMap<>();
        in.put("model", Map.of("name", name, "riskTier", "LOW"));
        in.put("version", Map.of("version", "1.0.0"));
        in.put("artifacts", list);
        in.put("evaluations", List.of());
        in.put("approvals", List.of());
        in.put("deployments", List.of());
        in.put("request", Map.of("to", "APPROVED"));
        return in;
    }

    private static void assertRefused(String expression, String why) {
        assertThatThrownBy(() -> PolicyEngine.check(expression))
                .isInstanceOf(PolicyExpressionException.class)
                .hasMessageContaining("expression")
                .hasMessageContaining(why);
    }

    @Test
    void aTooLongExpressionIsRefusedAtSaveTime() {
        assertRefused("true" + " && true".repeat(CelLimits.MAX_EXPRESSION_LENGTH / 8), "longer than");
    }

    @Test
    void aTooDeeplyNestedExpressionIsRefusedAtSaveTime() {
        int depth = CelLimits.MAX_PARSE_DEPTH + 10;
        assertThatThrownBy(() -> PolicyEngine.check("(".repeat(depth) + "true" + ")".repeat(depth)))
                .isInstanceOf(PolicyExpressionException.class);
        assertThatThrownBy(() -> PolicyEngine.check("[".repeat(depth) + "1" + "]".repeat(depth) + " == []"))
                .isInstanceOf(PolicyExpressionException.class);
    }

    @Test
    void comprehensionsNestedThreeDeepAreRefusedAsTooCostly() {
        assertRefused("artifacts.all(a, artifacts.all(b, artifacts.all(c, a.name != c.name || true)))", "nests");
        assertRefused("[1,2,3].map(x, [1,2,3].map(y, [1,2,3].map(z, x * y * z))).size() > 0", "nests");
        // two levels remain fine: "every artifact has a unique name"
        PolicyEngine.check("artifacts.all(a, artifacts.exists_one(b, b.name == a.name))");
    }

    @Test
    void comprehensionsStopAfterTheIterationLimit() {
        PolicyEngine.Outcome o =
                PolicyEngine.evaluate("artifacts.all(a, a.size >= 0)", input(CelLimits.MAX_ITERATIONS + 1, "m"));
        assertThat(o.passed()).isFalse();
        assertThat(o.error()).contains("Iteration budget exceeded");
    }

    @Test
    void nestedLoopsStopAtABudgetQuickly() {
        long start = System.nanoTime();
        PolicyEngine.Outcome o =
                PolicyEngine.evaluate("artifacts.all(a, artifacts.all(b, a.size + b.size >= 0))", input(5000, "m"));
        assertThat(o.passed()).isFalse();
        assertThat(o.error()).containsAnyOf("budget of", "budget exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theTimeBudgetStopsASlowEvaluation() {
        PolicyEngine.Outcome o = PolicyEngine.evaluate(
                "artifacts.all(a, artifacts.all(b, a.name + b.name != ''))", input(300, "m"), Duration.ofNanos(1));
        assertThat(o.passed()).isFalse();
        assertThat(o.error()).contains("time budget");
    }

    @Test
    void stringAndListBlowUpsStopAtTheValueBudget() {
        String big = "x".repeat(CelLimits.MAX_VALUE_SIZE / 2 + 1);
        PolicyEngine.Outcome strings = PolicyEngine.evaluate("model.name + model.name != ''", input(0, big));
        assertThat(strings.passed()).isFalse();
        assertThat(strings.error()).contains("value larger");
        Map<String, Object> many = input(0, "m");
        many.put("artifacts", Collections.nCopies(CelLimits.MAX_VALUE_SIZE / 2 + 1, Map.of()));
        PolicyEngine.Outcome lists = PolicyEngine.evaluate("size(artifacts + artifacts) > 0", many);
        assertThat(lists.passed()).isFalse();
        assertThat(lists.error()).contains("value larger");
    }

    @Test
    void anOversizedInputIsNotEvaluated() {
        PolicyEngine.Outcome o = PolicyEngine.evaluate("true", input(0, "x".repeat((int) CelLimits.MAX_INPUT_SIZE)));
        assertThat(o.passed()).isFalse();
        assertThat(o.error()).contains("input is larger");
    }

    @Test
    void ordinaryPoliciesStillPass() {
        assertThat(PolicyEngine.evaluate("artifacts.all(a, artifacts.exists_one(b, b.name == a.name))", input(200, "m"))
                        .passed())
                .isTrue();
    }

    @Test
    void metricThresholdsAreHeldToTheSameLimits() {
        assertThatThrownBy(() ->
                        MetricThreshold.compile("metrics.all(a, metrics.all(b, metrics.all(c, metrics[a] >= 0.0)))"))
                .isInstanceOf(PolicyExpressionException.class)
                .hasMessageContaining("nests");
        assertThatThrownBy(() -> MetricThreshold.compile("metrics.accuracy > 0.5" + " || false".repeat(1000)))
                .isInstanceOf(PolicyExpressionException.class)
                .hasMessageContaining("longer than");
        Map<String, Double> metrics = new HashMap<>();
        IntStream.range(0, 1000).forEach(i -> metrics.put("m" + i, 0.5));
        CheckOutcome outcome = MetricThreshold.compile("metrics.all(a, metrics.all(b, metrics[a] >= metrics[b] - 1.0))")
                .check(metrics);
        assertThat(outcome.status()).isEqualTo(CheckOutcome.Status.ERROR);
        assertThat(outcome.message()).contains("budget");
    }
}
