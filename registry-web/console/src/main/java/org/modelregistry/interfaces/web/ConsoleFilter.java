package org.modelregistry.interfaces.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.application.identity.SessionSignIn;
import org.modelregistry.application.shared.RequestMetadata;
import org.modelregistry.infrastructure.admission.Admission;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

/**
 * The edge of every console request: a request id (the caller's {@code X-Request-Id} when it is sane, else a new
 * one) that the audit records of the request and the error page show, the client's address for the audit trail, and
 * the headers that keep pages out of frames and caches. The Content-Security-Policy comes from PrimeFaces, which
 * knows each page's script nonce (web.xml: {@code primefaces.CSP_POLICY}). It also hands the session's signed-in
 * person to the services ({@link SessionSignIn}): the roles of a single sign-on user are those of their sign-in.
 * Every request holds a slot of the server's admission limit ({@link Admission}, shared with the API), charged to
 * its signed-in person or its address.
 */
@WebFilter(
        filterName = "console",
        urlPatterns = "/*",
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR},
        asyncSupported = true)
public class ConsoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    public static final String REQUEST_ID = "org.modelregistry.requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    @Inject
    transient RequestMetadata metadata;

    @Inject
    transient SessionSignIn sessionSignIn;

    @Inject
    transient Admission admission;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = (String) request.getAttribute(REQUEST_ID);
        if (id == null) {
            String given = request.getHeader("X-Request-Id");
            id = given != null && SANE.matcher(given).matches()
                    ? given
                    : UUID.randomUUID().toString();
            request.setAttribute(REQUEST_ID, id);
        }
        metadata.setRequestId(id);
        metadata.setClientAddress(request.getRemoteAddr());
        // filters run after the container authenticated the request (ConsoleAuthentication, from this session)
        HttpSession session = request.getSession(false);
        if (session != null
                && request.getUserPrincipal() != null
                && session.getAttribute(ConsoleAuthentication.SESSION_USER) instanceof SignedIn user
                && user.username().equals(request.getUserPrincipal().getName())) {
            sessionSignIn.set(user);
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/jakarta.faces.resource/")) {
            response.setHeader("X-Content-Type-Options", "nosniff");
        } else {
            secureHeaders(response, id);
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response); // an error page of a request that already holds its slot
            return;
        }
        Principal principal = request.getUserPrincipal();
        admission.run(
                request,
                response,
                chain,
                principal != null ? "principal " + principal.getName() : "address " + request.getRemoteAddr(),
                ConsoleFilter::overloaded);
    }

    /** Beyond the admission limit (shared with the API): 503 with Retry-After and a problem document, at once. */
    private static void overloaded(HttpServletRequest request, HttpServletResponse response, Shed reason)
            throws IOException {
        byte[] body = Json.createObjectBuilder()
                .add("type", RegistryException.TYPE_BASE + "overloaded")
                .add("title", "Overloaded")
                .add("status", 503)
                .add("detail", Admission.detail(reason))
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The headers of every page (again after an error page resets the response). */
    static void secureHeaders(HttpServletResponse response, String requestId) {
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        // pages show one person's data: never kept by a shared cache or the browser's back-forward store
        response.setHeader("Cache-Control", "no-store");
    }
}
