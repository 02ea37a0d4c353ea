package org.modelregistry.domain.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The limits every CEL expression of the registry (policies, metric thresholds) is held to, so that the author of a
 * policy or an evaluation suite cannot hang a request or a worker nor fill the heap.
 *
 * <p>What can be known from the text is refused when the expression is saved (422 naming {@code expression}): its
 * length, its nesting depth, its number of nodes and how deeply comprehensions (the only loops of CEL) nest. The rest
 * is bounded while it runs: comprehensions stop after {@link #MAX_ITERATIONS} iterations in all, the whole evaluation
 * after {@link #MAX_STEPS} evaluated nodes or {@link #TIME_BUDGET} of wall-clock time, and no intermediate string,
 * list or map may exceed {@link #MAX_VALUE_SIZE}; an input larger than {@link #MAX_INPUT_SIZE} is not evaluated at
 * all. Going over a budget at run time is an evaluation error, never a pass: callers fail closed.
 */
public final class CelLimits {

    /** Longest expression accepted, in code points. */
    public static final int MAX_EXPRESSION_LENGTH = 8192;
    /** Deepest nesting of parentheses, calls and selections the parser accepts. */
    public static final int MAX_PARSE_DEPTH = 50;
    /** Most syntax nodes (after macro expansion) an expression may have. */
    public static final int MAX_NODES = 4000;
    /** Comprehensions (all, exists, map, filter...) nested deeper than this are refused at save time. */
    public static final int MAX_COMPREHENSION_NESTING = 2;
    /** Iterations of all comprehensions of one evaluation together (CEL counts them per evaluation). */
    public static final int MAX_ITERATIONS = 100_000;
    /** Evaluated nodes per evaluation, loops included. */
    public static final long MAX_STEPS = 1_000_000;
    /** Wall-clock time per evaluation. */
    public static final Duration TIME_BUDGET = Duration.ofMillis(500);
    /** Characters of a string, or elements of a list or map, computed while evaluating (the input's own excepted). */
    public static final int MAX_VALUE_SIZE = 1_000_000;
    /** Scalars, elements and string characters of the input, counted recursively. */
    public static final long MAX_INPUT_SIZE = 4_000_000;

    private CelLimits() {}

    /** Options with the parser and comprehension limits set. */
    public static CelOptions.Builder options() {
        return CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(MAX_PARSE_DEPTH)
                .maxParseExpressionNodeCount(MAX_NODES)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                // the accumulator of map/filter stays out of reach of the expression (no list doubling per step)
                .enableHiddenAccumulatorVar(true);
    }

    /** Refuses, before the parser runs, a text longer than {@link #MAX_EXPRESSION_LENGTH}. */
    public static void checkLength(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new PolicyExpressionException("is required", 1, 1);
        }
        if (expression.length() > MAX_EXPRESSION_LENGTH
                && expression.codePointCount(0, expression.length()) > MAX_EXPRESSION_LENGTH) {
            throw new PolicyExpressionException("is longer than " + MAX_EXPRESSION_LENGTH + " characters", 1, 1);
        }
    }

    /**
     * The static cost estimate: nested comprehensions multiply their iterations, so more than
     * {@link #MAX_COMPREHENSION_NESTING} levels make a cost cubic in the input; such an expression is refused.
     */
    public static void checkCost(CelAbstractSyntaxTree ast) {
        CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)
                .filter(n -> nesting(n) > MAX_COMPREHENSION_NESTING)
                .findFirst()
                .ifPresent(n -> {
                    throw new PolicyExpressionException(
                            "nests comprehensions (all, exists, map, filter) more than " + MAX_COMPREHENSION_NESTING
                                    + " deep: its cost could exceed the evaluation budget",
                            1,
                            1);
                });
    }

    private static int nesting(CelNavigableExpr node) {
        int depth = 0;
        for (CelNavigableExpr n = node; n != null; n = n.parent().orElse(null)) {
            if (n.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                depth++;
            }
        }
        return depth;
    }

    /** An evaluation that went over one of the run-time budgets. */
    public static final class BudgetExceededException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BudgetExceededException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs a program under the step, time and value-size budgets.
     *
     * @throws BudgetExceededException when a budget is exceeded (the evaluation is abandoned at once)
     */
    public static Object eval(CelRuntime.Program program, Map<String, ?> input, Duration timeBudget)
            throws CelEvaluationException {
        long inputSize = size(input, MAX_INPUT_SIZE + 1);
        if (inputSize > MAX_INPUT_SIZE) {
            throw new BudgetExceededException(
                    "the input is larger than the evaluation budget (" + MAX_INPUT_SIZE + " values and characters)");
        }
        long deadline = System.nanoTime() + timeBudget.toNanos();
        long[] steps = {0};
        return program.trace(input, (expr, value) -> {
            long n = ++steps[0];
            if (n > MAX_STEPS) {
                throw new BudgetExceededException("exceeded the evaluation budget of " + MAX_STEPS + " steps");
            }
            if ((n & 255) == 0 && System.nanoTime() - deadline > 0) {
                throw new BudgetExceededException(
                        "exceeded the evaluation time budget of " + timeBudget.toMillis() + " ms");
            }
            if (computed(expr) && shallowSize(value) > MAX_VALUE_SIZE) {
                throw new BudgetExceededException("built a value larger than the evaluation budget (" + MAX_VALUE_SIZE
                        + " characters or elements)");
            }
        });
    }

    /** Variables and their fields are the input, already bounded; the rest is computed by the expression. */
    private static boolean computed(CelExpr expr) {
        CelExpr.ExprKind.Kind kind = expr.getKind();
        return kind != CelExpr.ExprKind.Kind.IDENT && kind != CelExpr.ExprKind.Kind.SELECT;
    }

    private static long shallowSize(Object value) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        return 0;
    }

    /** Scalars, elements and characters of a value, counted until {@code stop} is reached. */
    static long size(Object value, long stop) {
        if (value instanceof CharSequence s) {
            return 1 + s.length();
        }
        long total = 1;
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                total += size(e.getKey(), stop) + size(e.getValue(), stop);
                if (total >= stop) {
                    return total;
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                total += size(o, stop);
                if (total >= stop) {
                    return total;
                }
            }
        }
        return total;
    }
}
