package org.modelregistry.domain.policy;

import java.util.List;
import java.util.Map;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;

/** 422: a policy expression that does not parse or type-check; the problem names the line and column (1-based). */
public class PolicyExpressionException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public PolicyExpressionException(String message, int line, int column) {
        super(
                422,
                "invalid-expression",
                "Invalid policy expression",
                "expression: " + message + " (line " + line + ", column " + column + ")",
                List.of(new FieldError("expression", message + " (line " + line + ", column " + column + ")")),
                Map.of("line", line, "column", column));
    }

    public int line() {
        return ((Number) extensions().get("line")).intValue();
    }

    public int column() {
        return ((Number) extensions().get("column")).intValue();
    }
}
