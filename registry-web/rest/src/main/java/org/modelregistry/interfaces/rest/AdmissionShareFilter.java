package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;
import org.modelregistry.infrastructure.admission.Admission;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Permit;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

/**
 * Charges the request's admission slot ({@link AdmissionFilter}) to its caller once the container has verified who
 * that is, and refuses with 503 when the caller already holds {@code registry.admission.max-per-principal} slots:
 * one principal cannot take the whole server, however many connections it opens. Anonymous requests (the token
 * endpoints) are charged to their client address, so that a flood of sign-in attempts from one address leaves slots
 * for everyone else's; the login throttle still bounds what the admitted ones try. Runs before the rate limit and
 * before any body is read, so a caller's slow bodies hold only its own share.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 40)
public class AdmissionShareFilter implements ContainerRequestFilter {

    /** Set on a request refused here, so that the refusal is not written to the audit log (a flood of records). */
    public static final String SHED = "registry.admission.shed";

    @Inject
    Admission admission;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(servletRequest.getAttribute(Admission.PERMIT) instanceof Permit permit)) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        String caller =
                principal != null ? "principal " + principal.getName() : "address " + servletRequest.getRemoteAddr();
        if (permit.claim(caller)) {
            return;
        }
        request.setProperty(SHED, Boolean.TRUE);
        ErrorPageServlet.Problem problem = AdmissionFilter.problem(Shed.SHARE);
        request.abortWith(Response.fromResponse(Problems.of(
                        problem.status(),
                        problem.type(),
                        problem.title(),
                        problem.detail(),
                        problem.errors(),
                        Map.of(),
                        servletRequest.getRequestURI(),
                        (String) request.getProperty(RequestIdFilter.PROPERTY)))
                .header("Retry-After", admission.retryAfterSeconds())
                .build());
    }
}
