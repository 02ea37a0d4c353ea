package org.modelregistry.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static Map<String, Object> input(List<Map<String, Object>> artifacts, String tier) {
        Map<String, Object> in = new HashMap<>();
        in.put("model", Map.of("riskTier", tier, "name", "fraud", "owners", List.of("alice")));
        in.put("version", Map.of("version", "1.0.0", "metadata", Map.of("accuracy", 0.93, "epochs", 12L)));
        in.put("artifacts", artifacts);
        in.put("evaluations", List.of());
        in.put("approvals", List.of(Map.of("reviewer", "bob", "decision", "APPROVE")));
        in.put("deployments", List.of());
        in.put("request", Map.of("to", "APPROVED", "environment", "production", "inChangeWindow", false));
        return in;
    }

    @Test
    void allowListUsesMacrosAndHas() {
        String allow = "artifacts.all(a, has(a.license) && a.license in ['Apache-2.0', 'MIT'])";
        assertThat(PolicyEngine.evaluate(allow, input(List.of(Map.of("type", "CODE", "license", "MIT")), "LOW"))
                        .passed())
                .isTrue();
        assertThat(PolicyEngine.evaluate(
                                allow, input(List.of(Map.of("type", "CODE", "license", "GPL-3.0-only")), "LOW"))
                        .passed())
                .isFalse();
        assertThat(PolicyEngine.evaluate(allow, input(List.of(Map.of("type", "CODE")), "LOW"))
                        .passed())
                .isFalse();
        assertThat(PolicyEngine.evaluate(allow, input(List.of(), "LOW")).passed())
                .isTrue();
    }

    @Test
    void numbersAreLongsAndDoubles() {
        var in = input(List.of(), "HIGH");
        assertThat(PolicyEngine.evaluate("version.metadata.accuracy >= 0.9 && version.metadata.epochs > 10", in)
                        .passed())
                .isTrue();
        assertThat(PolicyEngine.evaluate("size(approvals) >= 2", in).passed()).isFalse();
        assertThat(PolicyEngine.evaluate("request.environment != 'production' || request.inChangeWindow", in)
                        .passed())
                .isFalse();
    }

    @Test
    void missingKeysAreErrorsNotCrashes() {
        PolicyEngine.Outcome outcome =
                PolicyEngine.evaluate("version.metadata.framework == 'torch'", input(List.of(), "LOW"));
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.error()).contains("framework");
    }

    @Test
    void syntaxErrorsNameTheirPosition() {
        assertThatThrownBy(() -> PolicyEngine.check("artifacts.all(a, a.type == 'X'"))
                .isInstanceOfSatisfying(PolicyExpressionException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isGreaterThan(1);
                });
        assertThatThrownBy(() -> PolicyEngine.check("model.riskTier == 'HIGH' &&\n  undeclared.x"))
                .isInstanceOfSatisfying(PolicyExpressionException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("undeclared");
                });
    }

    @Test
    void resultMustBeBool() {
        assertThatThrownBy(() -> PolicyEngine.check("size(artifacts)")).isInstanceOf(PolicyExpressionException.class);
        assertThatThrownBy(() -> PolicyEngine.check(" ")).isInstanceOf(PolicyExpressionException.class);
        assertThatThrownBy(() -> PolicyEngine.check("true || ".repeat(2000) + "true"))
                .isInstanceOf(PolicyExpressionException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void runawayComprehensionsStop() {
        var in = input(List.of(), "LOW");
        // 1000 x 1000 nested iterations exceed the bound: an error, not a hung transition
        PolicyEngine.Outcome outcome = PolicyEngine.evaluate(
                "[" + "1,".repeat(999) + "1].all(x, [" + "1,".repeat(999) + "1].all(y, x == y))", in);
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.error()).isNotBlank();
    }
}
