package org.modelregistry.interfaces.web.identity;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.modelregistry.api.identity.AuthService;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.identity.SingleSignOnService;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.api.problem.UnauthorizedException;
import org.modelregistry.interfaces.web.ConsolePaths;
import org.modelregistry.interfaces.web.Messages;
import org.modelregistry.interfaces.web.SignIns;

/**
 * The sign-in and sign-out of {@code login.xhtml}. The password is checked by {@link AuthService#signIn} (throttled,
 * the same cost for unknown users); on success {@code ConsoleAuthentication} keeps the caller in a session with a new
 * id, and the caller returns to the page they asked for, if it is a console page. When the console's single sign-on
 * is configured, the page also offers "Sign in with <provider>" ({@link SingleSignOn}).
 */
@Named
@RequestScoped
public class SignInPage {

    @EJB
    AuthService auth;

    @EJB
    SingleSignOnService singleSignOn;

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    private String username;
    private String password;
    private String next;
    private String reason;
    private Optional<String> provider;

    public String signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        SignedIn user;
        try {
            user = auth.signIn(username, password == null ? "" : password, request.getRemoteAddr());
        } catch (UnauthorizedException e) {
            Messages.error("The user name or password is wrong, or the user is disabled.");
            return null;
        } catch (TooManyRequestsException e) {
            Messages.error("Too many failed sign-ins. Try again in " + e.retryAfterSeconds() + " seconds.");
            return null;
        } catch (BadRequestException e) {
            Messages.error(e.detail());
            return null;
        } finally {
            password = null;
        }
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = SignIns.authenticate(security, request, response, user);
        if (status != AuthenticationStatus.SUCCESS) {
            Messages.error("Signing in failed. Try again.");
            return null;
        }
        external.redirect(external.getRequestContextPath() + ConsolePaths.afterSignIn(next));
        faces.responseComplete();
        return null;
    }

    public void signOut() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            request.logout();
        } catch (ServletException e) {
            // the session below still ends
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + "/login.xhtml?reason=signed-out");
        faces.responseComplete();
    }

    /** The note above the form: why the person is here. */
    public String getReasonText() {
        if ("expired".equals(reason)) {
            return "Your session expired after a period without activity. Sign in again to continue.";
        }
        if ("signed-out".equals(reason)) {
            return "You are signed out.";
        }
        return singleSignOnFailure();
    }

    /** Why a single sign-on came back here ({@link SingleSignOn} names the case, never with the provider's text). */
    private String singleSignOnFailure() {
        if (reason == null || !reason.startsWith("sso-")) {
            return null;
        }
        String provider = getProviderName() == null ? "your identity provider" : getProviderName();
        return switch (reason) {
            case "sso-expired" ->
                "The sign-in with " + provider + " expired or was already used. You are not signed in: start again.";
            case "sso-cancelled" -> provider + " did not sign you in. You are not signed in.";
            case "sso-no-role" ->
                "Your account at " + provider + " has no role in this registry, so you are not signed in."
                        + " Ask an administrator for one.";
            default ->
                "The sign-in with " + provider + " could not be verified, so you are not signed in. Try again, or"
                        + " ask an administrator to check the single sign-on settings.";
        };
    }

    /** True when the sign-in page offers single sign-on (the provider's settings are all there). */
    public boolean isSingleSignOn() {
        return getProviderName() != null;
    }

    /** The provider's name on the button, or null without single sign-on. */
    public String getProviderName() {
        if (provider == null) {
            provider = singleSignOn.providerName();
        }
        return provider.orElse(null);
    }

    /** Where the button goes: the start of the single sign-on, with the page to return to. */
    public String getSingleSignOnUrl() {
        return SingleSignOn.startPath(request.getContextPath(), next);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
