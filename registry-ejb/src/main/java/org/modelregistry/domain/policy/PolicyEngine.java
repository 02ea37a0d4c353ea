package org.modelregistry.domain.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and runs policy expressions written in CEL. The input is fixed and documented (docs/governance.md):
 * {@code model}, {@code version} and {@code request} are maps, {@code artifacts}, {@code evaluations},
 * {@code approvals} and {@code deployments} lists of maps; numbers are Long or Double. An expression must type-check
 * to bool. Programs are compiled once per expression text and cached; compilation and evaluation are bounded by
 * {@link CelLimits} so that a policy cannot stall a transition: a run that exceeds a budget is an ERROR outcome, which
 * blocks like a failure (fail closed).
 */
public final class PolicyEngine {

    /** Longest expression accepted. */
    public static final int MAX_EXPRESSION_LENGTH = CelLimits.MAX_EXPRESSION_LENGTH;

    private static final int MAX_CACHED = 2048;

    /** The variables every expression sees. */
    public static final List<String> VARIABLES =
            List.of("model", "version", "artifacts", "evaluations", "approvals", "deployments", "request");

    private static final Cel CEL = build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private PolicyEngine() {}

    private static Cel build() {
        MapType object = MapType.create(SimpleType.STRING, SimpleType.DYN);
        ListType objects = ListType.create(object);
        return CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(CelLimits.options().build())
                .addVar("model", object)
                .addVar("version", object)
                .addVar("request", object)
                .addVar("artifacts", objects)
                .addVar("evaluations", objects)
                .addVar("approvals", objects)
                .addVar("deployments", objects)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /**
     * Checks that an expression parses and type-checks to bool.
     *
     * @throws PolicyExpressionException with the first error's line and column
     */
    public static void check(String expression) {
        program(expression);
    }

    /** The outcome of one expression over one input: true, false, or an evaluation error. */
    public record Outcome(boolean passed, String error) {}

    public static Outcome evaluate(String expression, Map<String, Object> input) {
        return evaluate(expression, input, CelLimits.TIME_BUDGET);
    }

    static Outcome evaluate(String expression, Map<String, Object> input, Duration timeBudget) {
        CelRuntime.Program program;
        try {
            program = program(expression);
        } catch (PolicyExpressionException e) {
            // stored before the limits were tightened: it cannot run, so it cannot pass
            return new Outcome(false, e.getMessage());
        }
        try {
            Object result = CelLimits.eval(program, input, timeBudget);
            if (result instanceof Boolean b) {
                return new Outcome(b, null);
            }
            return new Outcome(false, "the expression returned " + result + ", not a bool");
        } catch (CelEvaluationException | RuntimeException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private static CelRuntime.Program program(String expression) {
        CelLimits.checkLength(expression);
        CelRuntime.Program cached = PROGRAMS.get(expression);
        if (cached != null) {
            return cached;
        }
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            CelIssue first = result.getErrors().get(0);
            int line = Math.max(1, first.getSourceLocation().getLine());
            int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
            throw new PolicyExpressionException(first.getMessage(), line, column);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelLimits.checkCost(ast);
            CelRuntime.Program program = CEL.createProgram(ast);
            if (PROGRAMS.size() >= MAX_CACHED) {
                PROGRAMS.clear();
            }
            PROGRAMS.put(expression, program);
            return program;
        } catch (dev.cel.common.CelException e) {
            throw new PolicyExpressionException(e.getMessage(), 1, 1);
        }
    }
}
