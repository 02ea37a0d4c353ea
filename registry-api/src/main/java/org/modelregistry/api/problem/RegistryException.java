package org.modelregistry.api.problem;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.Map;

/**
 * Base of every error a caller can cause. It carries what an RFC 9457 problem needs (status, type, title,
 * detail, offending fields); REST maps it to {@code application/problem+json}. As an EJB application exception
 * it rolls the transaction back, so a failed request never leaves a partial write.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Base URI of the problem types; each type is documented under docs/api-errors.md. */
    public static final String TYPE_BASE = "https://model-registry.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> extensions;

    protected RegistryException(
            int status,
            String type,
            String title,
            String detail,
            List<FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = TYPE_BASE + type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
