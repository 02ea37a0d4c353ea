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
import org.modelregistry.api.identity.AuthService;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.api.problem.UnauthorizedException;
import org.modelregistry.interfaces.web.ConsolePaths;
import org.modelregistry.interfaces.web.Messages;
import org.modelregistry.interfaces.web.SignIns;

/**
 * The sign-in and sign-out of {@code login.xhtml}. The password is checked by {@link AuthService#signIn} (throttled,
 * the same cost for unknown users); on success {@code ConsoleAuthentication} keeps the caller in a session with a new
 * id, and the caller returns to the page they asked for, if it is a console page.
 */
@Named
@RequestScoped
public class SignInPage {

    @EJB
    AuthService auth;

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    private String username;
    private String password;
    private String next;
    private String reason;

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
        return null;
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
