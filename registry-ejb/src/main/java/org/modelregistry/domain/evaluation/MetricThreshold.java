package org.modelregistry.domain.evaluation;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelregistry.domain.policy.CelLimits;
import org.modelregistry.domain.policy.PolicyExpressionException;

/**
 * METRIC_THRESHOLD: a CEL expression over the metrics reported for a version ({@code metrics}, names to doubles),
 * such as {@code metrics.accuracy >= 0.9 && metrics.f1 >= 0.85}. Metrics are doubles whatever their JSON form, so
 * {@code metrics.accuracy >= 1} and {@code >= 1.0} mean the same; a metric the expression names but the run did not
 * report makes the check FAILED with the missing name, not an error. The expression is held to {@link CelLimits}: one
 * that exceeds a budget while running is an ERROR, which fails the run.
 */
public final class MetricThreshold {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setOptions(CelLimits.options()
                    .enableHeterogeneousNumericComparisons(true)
                    .build())
            .addVar("metrics", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final CelRuntime.Program program;

    private MetricThreshold(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** @throws PolicyExpressionException (422 with line and column) when the expression does not compile */
    public static MetricThreshold compile(String expression) {
        CelLimits.checkLength(expression);
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            CelIssue first = result.getErrors().get(0);
            throw new PolicyExpressionException(
                    first.getMessage(),
                    Math.max(1, first.getSourceLocation().getLine()),
                    Math.max(0, first.getSourceLocation().getColumn()) + 1);
        }
        try {
            CelLimits.checkCost(result.getAst());
            return new MetricThreshold(expression, CEL.createProgram(result.getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new PolicyExpressionException(e.getMessage(), 1, 1);
        }
    }

    public CheckOutcome check(Map<String, ? extends Number> metrics) {
        Map<String, Object> values = new LinkedHashMap<>();
        metrics.forEach((k, v) -> values.put(k, v.doubleValue()));
        try {
            Object result = CelLimits.eval(program, Map.of("metrics", values), CelLimits.TIME_BUDGET);
            return Boolean.TRUE.equals(result)
                    ? CheckOutcome.passed(values, expression + " holds")
                    : CheckOutcome.failed(values, expression + " does not hold");
        } catch (CelEvaluationException e) {
            String missing = e.getMessage() != null && e.getMessage().contains("key") ? e.getMessage() : null;
            return missing != null
                    ? CheckOutcome.failed(values, "a metric the threshold needs was not reported: " + missing)
                    : CheckOutcome.error("cannot evaluate " + expression + ": " + e.getMessage());
        } catch (CelLimits.BudgetExceededException e) {
            return CheckOutcome.error("cannot evaluate " + expression + ": " + e.getMessage());
        }
    }
}
