package org.modelregistry.interfaces.web.identity;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.identity.SingleSignOnCallback;
import org.modelregistry.api.identity.SingleSignOnService;
import org.modelregistry.api.identity.SingleSignOnStart;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.domain.shared.LogSafe;
import org.modelregistry.interfaces.web.ConsoleFilter;
import org.modelregistry.interfaces.web.ConsolePaths;
import org.modelregistry.interfaces.web.SignIns;

/**
 * Single sign-on into the console through the configured OpenID Connect provider: the authorization code flow with
 * PKCE, beside the sign-in form.
 *
 * <ul>
 *   <li>{@code GET /console/sso/start?next=...}: keeps a new {@link PendingSignOn} in the session and sends the
 *       browser to the provider with its state, nonce and code challenge.
 *   <li>{@code GET /console/sso/callback?code=...&state=...}: takes the pending sign-in out of the session (one use),
 *       checks the state, has {@link SingleSignOnService} exchange the code and check the ID token, and signs the
 *       person in exactly as the form does ({@link SignIns}: a session with a new id), then returns to the page they
 *       asked for.
 * </ul>
 *
 * Any failure returns to the sign-in page with a reason it explains, and no one signed in. The log names the step
 * that failed, never a code or a token.
 */
@WebServlet(urlPatterns = {SingleSignOn.START, SingleSignOn.CALLBACK})
public class SingleSignOn extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

    static final String START = "/sso/start";
    static final String CALLBACK = "/sso/callback";

    /** An authorization code longer than this is not one (providers' codes are well under 1 KB). */
    private static final int MAX_CODE_CHARS = 4096;

    @EJB
    transient SingleSignOnService sso;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sso.providerName().isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (START.equals(request.getServletPath())) {
            start(request, response);
        } else {
            callback(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PendingSignOn pending =
                PendingSignOn.begin(ConsolePaths.afterSignIn(request.getParameter("next")), System.currentTimeMillis());
        request.getSession(true).setAttribute(PendingSignOn.SESSION_ATTRIBUTE, pending);
        response.sendRedirect(sso.authorizationUrl(new SingleSignOnStart(
                callbackUrl(request), pending.state(), pending.nonce(), pending.codeChallenge())));
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PendingSignOn pending = null;
        if (session != null) {
            if (session.getAttribute(PendingSignOn.SESSION_ATTRIBUTE) instanceof PendingSignOn p) {
                pending = p;
            }
            // one callback per sign-in, whatever it brings: a replayed or forged one finds nothing
            session.removeAttribute(PendingSignOn.SESSION_ATTRIBUTE);
        }
        if (pending == null || !pending.matches(request.getParameter("state"), System.currentTimeMillis())) {
            refuse(
                    request,
                    response,
                    "sso-expired",
                    "no sign-in of this browser has this state (replayed, expired" + " or started elsewhere)");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            refuse(request, response, "sso-cancelled", "the provider answered " + LogSafe.of(error, 64));
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_CHARS) {
            refuse(request, response, "sso-failed", "the provider sent no usable code");
            return;
        }
        SignedIn user;
        try {
            user = sso.signIn(
                    new SingleSignOnCallback(code, pending.verifier(), callbackUrl(request), pending.nonce()));
        } catch (ForbiddenException e) {
            refuse(request, response, "sso-no-role", "no registry role");
            return;
        } catch (RegistryException e) {
            refuse(request, response, "sso-failed", e.detail());
            return;
        }
        AuthenticationStatus status = SignIns.authenticate(security, request, response, user);
        if (status != AuthenticationStatus.SUCCESS) {
            refuse(request, response, "sso-failed", "the container did not accept the sign-in");
            return;
        }
        response.sendRedirect(request.getContextPath() + pending.next());
    }

    /**
     * Back to the sign-in page with a reason (one of the sign-in page's fixed texts), and no session unless the
     * browser was already signed in (a stray callback must not sign anyone out).
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason, String why)
            throws IOException {
        LOG.info(() -> "console single sign-on refused (" + reason + "): " + why + "; request "
                + request.getAttribute(ConsoleFilter.REQUEST_ID));
        HttpSession session = request.getSession(false);
        if (session != null && request.getUserPrincipal() == null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login.xhtml?reason=" + reason);
    }

    /** The callback's absolute address, as the browser reaches this console (the provider sends the code there). */
    static String callbackUrl(HttpServletRequest request) {
        return URI.create(request.getRequestURL().toString())
                .resolve(request.getContextPath() + CALLBACK)
                .toString();
    }

    /** The link of the sign-in page's button. */
    static String startPath(String contextPath, String next) {
        return contextPath
                + START
                + (next == null || next.isEmpty() ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
}
