package org.modelregistry.interfaces.rest;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.domain.shared.LogSafe;

/**
 * The container's error pages (web.xml routes 400, 401, 403, 404, 405, 413, 415, 500 and uncaught exceptions here,
 * and makes it the default servlet, so that a path outside /api is a 404 problem rather than a file lookup):
 * answers written by Liberty rather than by JAX-RS become RFC 9457 problem documents too. Plain servlet code, no
 * JAX-RS: the errors it reports may have happened before or around the JAX-RS runtime. A 500 for a request whose
 * path or query does not decode is the caller's mistake and answered 400.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    private static final Pattern SANE_ID = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");
    private static final String ABOUT_BLANK = "about:blank";

    /** What a problem says, before the request adds instance and request id. */
    record Problem(int status, String type, String title, String detail, List<FieldError> errors) {}

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            write(request, response, 404, plain(404, "No resource at this path"));
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String malformed = malformedPart(uri, request.getQueryString());
        if (status >= 500 && malformed != null) {
            write(request, response, 400, malformedProblem(malformed));
            return;
        }
        write(request, response, status, problemFor(request, status));
    }

    private Problem problemFor(HttpServletRequest request, int status) {
        return switch (status) {
            case 400 -> plain(400, "The request cannot be read");
            case 401 -> unauthorized(request);
            case 403 -> plain(403, "Not allowed");
            case 404 -> plain(404, "No resource at this path");
            case 405 -> plain(405, "Method not allowed here");
            case 413 ->
                new Problem(
                        413,
                        RegistryException.TYPE_BASE + "payload-too-large",
                        "Payload too large",
                        "The request is larger than the server accepts",
                        List.of(new FieldError("body", "too large")));
            case 415 -> plain(415, "Unsupported Content-Type");
            default -> {
                if (status >= 500) {
                    Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
                    LOG.log(
                            Level.SEVERE,
                            "request " + LogSafe.of(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                                    + " failed in the container",
                            cause);
                    yield plain(status, "The registry failed to handle the request; report the request id");
                }
                yield plain(status, "HTTP " + status);
            }
        };
    }

    /** No token, or (when Liberty lets the page write a body) a token its JWT layer refused. */
    private static Problem unauthorized(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Problem(
                    401,
                    RegistryException.TYPE_BASE + "unauthorized",
                    "Unauthorized",
                    "The bearer token was rejected: malformed, expired, not yet valid, or not signed by a trusted"
                            + " issuer for this audience",
                    List.of(new FieldError("Authorization", "invalid token")));
        }
        return plain(401, "A bearer token is required");
    }

    private static Problem plain(int status, String detail) {
        return new Problem(status, ABOUT_BLANK, title(status), detail, List.of());
    }

    static Problem malformedProblem(String field) {
        return new Problem(
                400,
                RegistryException.TYPE_BASE + "bad-request",
                "Bad request",
                "The " + field + " has a malformed percent-encoding: a % must be followed by two hex digits, and"
                        + " the bytes must be UTF-8",
                List.of(new FieldError(field, "malformed percent-encoding")));
    }

    /** "path" or "query" when that part of the raw request target does not decode, else null. */
    static String malformedPart(String rawUri, String rawQuery) {
        if (!RequestSyntax.decodes(rawUri)) {
            return "path";
        }
        return RequestSyntax.decodes(rawQuery) ? null : "query";
    }

    /** Writes {@code problem} as application/problem+json, with the request id and the security headers. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, Problem problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String requestId = requestId(request);
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = original instanceof String s ? s : request.getRequestURI();
        String body = Problems.json(
                status,
                problem.type(),
                problem.title(),
                problem.detail(),
                problem.errors(),
                Map.of(),
                RequestSyntax.decodes(instance) ? instance : null,
                requestId);
        response.resetBuffer();
        response.setStatus(status);
        SecurityHeadersFilter.apply(request, response);
        response.setHeader(RequestIdFilter.HEADER, requestId);
        response.setHeader("Cache-Control", "no-store");
        if (status == 401 && response.getHeader("WWW-Authenticate") == null) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"model-registry\"");
        }
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IllegalStateException e) {
            response.getWriter().write(body); // the failed request had already asked for the writer
        }
    }

    private static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(RequestIdFilter.PROPERTY);
        if (id instanceof String s) {
            return s;
        }
        String header = request.getHeader(RequestIdFilter.HEADER);
        return header != null && SANE_ID.matcher(header).matches()
                ? header
                : UUID.randomUUID().toString();
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }
}
