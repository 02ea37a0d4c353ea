package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.application.shared.RequestMetadata;
import org.modelregistry.domain.shared.LogSafe;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one) that the
 * response, the problem documents, the logs and the audit trail all carry; and keeps API answers out of caches
 * unless a resource says otherwise (ETags, public keys).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String PROPERTY = "registry.requestId";
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]{1,200})\"");
    private static final Logger LOG = Logger.getLogger(RequestIdFilter.class.getName());
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    /** Methods that change state: their refusals go to the audit log. */
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    RequestMetadata metadata;

    @EJB
    AuditService audit;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        request.setProperty(PROPERTY, id);
        metadata.setRequestId(id);
        metadata.setClientAddress(servletRequest.getRemoteAddr());
        // honoured only on a benchmark server (registry.benchmark.seed-enabled), see AuditTrail
        metadata.setAuditSuppressed("off".equals(request.getHeaderString("X-Benchmark-Audit")));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            headers.putSingle(HEADER, id);
        }
        // the security headers come from SecurityHeadersFilter, for container answers too
        if (!headers.containsKey("Cache-Control") || response.getStatus() >= 400) {
            headers.putSingle("Cache-Control", "no-store");
        }
        recordRefusal(request, response);
    }

    /**
     * A state-changing request that was refused or failed leaves a record (DENIED or FAILED) unless the service
     * already wrote a more precise one. Not recorded, so that a flood cannot become a flood of audit records:
     * throttled requests (429), requests shed for their caller's admission share (503) and requests without
     * credentials, except failed sign-ins (/auth/, which the login throttle bounds). Policy dry runs change nothing
     * and are not recorded either.
     */
    private void recordRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String path = request.getUriInfo().getRequestUri().getPath();
        if (status < 400
                || status == 429
                || request.getProperty(AdmissionShareFilter.SHED) != null
                || !CHANGING.contains(request.getMethod())
                || metadata.attemptRecorded()
                || path.endsWith("/policy-check")) {
            return;
        }
        Principal principal = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        if (principal == null && !path.contains("/auth/")) {
            return; // without credentials nothing was attempted on anyone's behalf; failed logins are recorded
        }
        String problemType = null;
        if (response.getEntity() instanceof String body) {
            Matcher m = PROBLEM_TYPE.matcher(body);
            problemType = m.find() ? m.group(1) : null;
        }
        try {
            audit.recordRefused(
                    principal == null ? null : principal.getName(), request.getMethod(), path, status, problemType);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not record a refused " + LogSafe.of(request.getMethod()) + " " + LogSafe.of(path)
                            + " in the audit log",
                    e);
        }
    }
}
