package org.modelregistry.interfaces.mlflow;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.api.problem.ApprovalExpiredException;
import org.modelregistry.api.problem.ContentChangedException;
import org.modelregistry.api.problem.PolicyViolationException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.api.problem.TransitionNotAllowedException;

/**
 * MLflow's error shape, {@code {"error_code": ..., "message": ...}}, for the MLflow paths only (the registry's own API
 * keeps RFC 9457 problems). The registry's errors keep their reason as the message; their status picks MLflow's code:
 * 400 and 422 are INVALID_PARAMETER_VALUE, 403 PERMISSION_DENIED, 404 RESOURCE_DOES_NOT_EXIST, 409 and 412 (a move the
 * lifecycle refuses, a version no longer a draft) INVALID_STATE, and so are a policy's refusal, an expired approval
 * and content changed since its review, whatever their status. MLflow's own server answers INVALID_STATE with a 500;
 * here it is a 400, since MLflow's clients retry 5xx answers and a refusal does not change by retrying.
 */
public final class MlflowErrors {

    private static final Logger LOG = Logger.getLogger(MlflowErrors.class.getName());

    /** The paths (under the JAX-RS application's {@code /api}) whose errors take MLflow's shape. */
    public static boolean isMlflowPath(String requestUri) {
        return requestUri != null
                && (requestUri.startsWith("/api/2.0/mlflow/") || requestUri.startsWith("/api/2.0/mlflow-artifacts/"));
    }

    private MlflowErrors() {}

    /** An error as MLflow answers it: its HTTP status, {@code error_code}, message, and a Retry-After if any. */
    public record Error(int status, String code, String message, Long retryAfterSeconds) {}

    /** The answer to any error on an MLflow path. */
    public static Response toResponse(Throwable e, String requestId) {
        Error error = classify(e, requestId);
        String json = Json.createObjectBuilder()
                .add("error_code", error.code())
                .add("message", error.message() == null ? error.code() : error.message())
                .build()
                .toString();
        Response.ResponseBuilder answer = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(json);
        if (error.status() == 401) {
            answer.header("WWW-Authenticate", "Basic realm=\"model-registry\", Bearer realm=\"model-registry\"");
        }
        if (error.retryAfterSeconds() != null) {
            answer.header("Retry-After", error.retryAfterSeconds());
        }
        return answer.build();
    }

    /** What MLflow's clients are told about an error (unexpected ones are logged with the request id). */
    public static Error classify(Throwable e, String requestId) {
        MlflowException mlflow = find(e, MlflowException.class);
        if (mlflow != null) {
            return new Error(mlflow.status(), mlflow.errorCode(), mlflow.getMessage(), null);
        }
        RegistryException registry = find(e, RegistryException.class);
        if (registry != null) {
            return fromRegistry(registry);
        }
        if (find(e, JsonException.class) != null
                || find(e, JsonbException.class) != null
                || find(e, ProcessingException.class) != null
                || parserFailure(e)) {
            return new Error(400, MlflowException.INVALID_PARAMETER_VALUE, "The body is not a valid JSON object", null);
        }
        if (find(e, NotFoundException.class) != null) {
            return new Error(404, "ENDPOINT_NOT_FOUND", "No MLflow endpoint at this path", null);
        }
        if (find(e, NotAllowedException.class) != null) {
            return new Error(405, "ENDPOINT_NOT_FOUND", "This MLflow endpoint does not take this method", null);
        }
        LOG.log(Level.SEVERE, "MLflow request " + requestId + " failed", e);
        return new Error(
                500,
                "INTERNAL_ERROR",
                "The registry failed to handle the request; report request id " + requestId,
                null);
    }

    static Error fromRegistry(RegistryException e) {
        String message = e.detail();
        if (e instanceof PolicyViolationException
                || e instanceof ApprovalExpiredException
                || e instanceof ContentChangedException
                || e instanceof TransitionNotAllowedException) {
            // the version is not in a state the registry's rules accept for this: not a malformed request
            return new Error(400, MlflowException.INVALID_STATE, message, null);
        }
        return switch (e.status()) {
            case 400, 413, 415, 422 -> new Error(400, MlflowException.INVALID_PARAMETER_VALUE, message, null);
            case 401 -> new Error(401, MlflowException.UNAUTHENTICATED, message, null);
            case 403 -> new Error(403, MlflowException.PERMISSION_DENIED, message, null);
            case 404 -> new Error(404, MlflowException.RESOURCE_DOES_NOT_EXIST, message, null);
            case 409, 412 -> new Error(400, MlflowException.INVALID_STATE, message, null);
            case 429 ->
                new Error(
                        429,
                        "REQUEST_LIMIT_EXCEEDED",
                        message,
                        e instanceof TooManyRequestsException t ? t.retryAfterSeconds() : null);
            case 503 -> new Error(503, "TEMPORARILY_UNAVAILABLE", message, null);
            case 507 -> new Error(429, "RESOURCE_EXHAUSTED", message, null);
            default -> new Error(e.status() >= 500 ? 500 : 400, "INTERNAL_ERROR", message, null);
        };
    }

    /** Parsson refuses input nested too deep with a bare RuntimeException: still bad input. */
    private static boolean parserFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length > 0 && trace[0].getClassName().startsWith("org.eclipse.parsson.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
