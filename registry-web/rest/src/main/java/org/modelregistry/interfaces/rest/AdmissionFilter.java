package org.modelregistry.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.infrastructure.admission.Admission;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

/**
 * The API's admission limit, before anything else does work for the request (web.xml maps it first): when this
 * server already has {@code registry.admission.max-concurrent} requests in flight (or
 * {@code registry.admission.max-transfers} artifact transfers), the answer is 503 with {@code Retry-After} and a
 * problem document at once, so that the admitted requests keep their latency. The caller is not known yet here
 * (the bearer token is verified later): {@link AdmissionShareFilter} charges the slot to them once it is.
 */
public class AdmissionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Admission admission;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        admission.run(request, response, chain, null, AdmissionFilter::refuse);
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, Shed reason) throws IOException {
        ErrorPageServlet.write(request, response, 503, problem(reason));
    }

    static ErrorPageServlet.Problem problem(Shed reason) {
        return new ErrorPageServlet.Problem(
                503,
                RegistryException.TYPE_BASE + "overloaded",
                "Overloaded",
                Admission.detail(reason) + " (" + reason.name().toLowerCase(Locale.ROOT) + ")",
                List.of());
    }
}
