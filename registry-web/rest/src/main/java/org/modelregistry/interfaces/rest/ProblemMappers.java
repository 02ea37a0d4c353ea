package org.modelregistry.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.api.problem.ServiceUnavailableException;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.domain.shared.LogSafe;
import org.modelregistry.interfaces.mlflow.MlflowErrors;

/**
 * Every error leaves the API as an RFC 9457 problem: the registry's own exceptions with their status and fields,
 * JAX-RS errors (404 unknown path, 405, 406, 415) with theirs, unreadable JSON as 400, a lost database connection
 * as 503 with Retry-After, and anything unexpected as a 500 that names the request id and is logged with its stack
 * trace (never shown to the caller).
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());
    private static final String ABOUT_BLANK = "about:blank";
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private ProblemMappers() {}

    static Response map(Throwable e, HttpServletRequest request) {
        String instance = request == null ? null : request.getRequestURI();
        String requestId = request == null ? null : (String) request.getAttribute(RequestIdFilter.PROPERTY);
        if (MlflowErrors.isMlflowPath(instance)) {
            return MlflowErrors.toResponse(e, requestId); // MLflow's clients read MLflow's error shape
        }
        RegistryException registry = find(e, RegistryException.class);
        if (registry != null) {
            Response problem = Problems.of(registry, instance, requestId);
            if (registry.status() == 401) {
                return Response.fromResponse(problem)
                        .header("WWW-Authenticate", "Bearer realm=\"model-registry\"")
                        .build();
            }
            if (registry instanceof TooManyRequestsException tooMany) {
                return Response.fromResponse(problem)
                        .header("Retry-After", tooMany.retryAfterSeconds())
                        .build();
            }
            if (registry instanceof ServiceUnavailableException notYet) {
                return Response.fromResponse(problem)
                        .header("Retry-After", notYet.retryAfterSeconds())
                        .build();
            }
            return problem;
        }
        Throwable unreadable = unreadableJson(e);
        if (unreadable != null) {
            return Problems.of(
                    400,
                    RegistryException.TYPE_BASE + "malformed-json",
                    "Malformed JSON",
                    "The body is not valid JSON: " + firstLine(unreadable.getMessage()),
                    List.of(new FieldError("body", "not valid JSON")),
                    Map.of(),
                    instance,
                    requestId);
        }
        WebApplicationException web = find(e, WebApplicationException.class);
        if (web != null && web.getResponse() != null && web.getResponse().getStatus() < 500) {
            return webProblem(web, instance, requestId);
        }
        SQLException lostDatabase = databaseUnreachable(e);
        if (lostDatabase != null) {
            // not a fault of the request nor a bug: the database is restarting (the launcher's supervisor, a
            // fail-over); the transaction rolled back, so the client may retry what it sent
            LOG.warning(() -> "request " + LogSafe.of(requestId) + " " + LogSafe.of(instance)
                    + ": the database is unreachable (SQLState " + lostDatabase.getSQLState() + ")");
            return Response.fromResponse(Problems.of(
                            503,
                            RegistryException.TYPE_BASE + "database-unavailable",
                            "Service Unavailable",
                            "The database cannot be reached right now; nothing was changed. Retry in a few seconds.",
                            List.of(),
                            Map.of(),
                            instance,
                            requestId))
                    .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.log(Level.SEVERE, "request " + LogSafe.of(requestId) + " " + LogSafe.of(instance) + " failed", e);
        return Problems.of(
                500,
                ABOUT_BLANK,
                "Internal Server Error",
                "The registry failed to handle the request; report request id " + requestId,
                List.of(),
                Map.of(),
                instance,
                requestId);
    }

    /**
     * The SQL error in the cause chain that says the connection to the database is gone or cannot be made:
     * SQLState class 08 (connection exception) or 57P01-57P03 (the server shut down, crashed, or is starting up and
     * recovering). Null for every other error, which stays a 500.
     */
    static SQLException databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null
                            && (state.startsWith("08")
                                    || state.equals("57P01")
                                    || state.equals("57P02")
                                    || state.equals("57P03"))) {
                        return next;
                    }
                }
            }
            if (t.getCause() == t) {
                return null;
            }
        }
        return null;
    }

    private static Response webProblem(WebApplicationException web, String instance, String requestId) {
        Response original = web.getResponse();
        int status = original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "Method not allowed here; allowed: " + original.getAllowedMethods();
            case 415 -> "Unsupported Content-Type; this endpoint takes application/json";
            case 406 -> "Cannot produce a representation acceptable to the Accept header";
            default -> firstLine(web.getMessage());
        };
        Response problem = Problems.of(status, ABOUT_BLANK, title, detail, List.of(), Map.of(), instance, requestId);
        if (web instanceof NotAllowedException && !original.getAllowedMethods().isEmpty()) {
            return Response.fromResponse(problem)
                    .allow(original.getAllowedMethods())
                    .build();
        }
        return problem;
    }

    private static Throwable unreadableJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonException
                    || t instanceof JsonbException
                    || t instanceof ProcessingException
                    || thrownByTheJsonParser(t)) {
                return t;
            }
        }
        return null;
    }

    /** Parsson refuses input nested deeper than 1,000 levels with a bare RuntimeException: still bad input. */
    private static boolean thrownByTheJsonParser(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.eclipse.parsson.");
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The registry's own errors. */
    @Provider
    public static class RegistryExceptionMapper implements ExceptionMapper<RegistryException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(RegistryException e) {
            return map(e, request);
        }
    }

    /** An EJB wraps what is not an application exception; look inside it. */
    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(EJBException e) {
            return map(e, request);
        }
    }

    /** 404 for unknown paths, 405, 406, 415, and bodies that JAX-RS could not read. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(WebApplicationException e) {
            return map(e, request);
        }
    }

    /** JSON that does not parse. */
    @Provider
    public static class JsonExceptionMapper implements ExceptionMapper<JsonException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(JsonException e) {
            return map(e, request);
        }
    }

    /** JSON that does not bind. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(JsonbException e) {
            return map(e, request);
        }
    }

    /** Bodies the runtime could not read. */
    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(ProcessingException e) {
            return map(e, request);
        }
    }

    /** Anything else is our fault: 500, logged with the request id. */
    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(Throwable e) {
            return map(e, request);
        }
    }
}
