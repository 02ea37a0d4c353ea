package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import org.modelregistry.api.identity.SignedIn;

/**
 * The console's sign-in: the caller stays signed in through their HTTP session (one small attribute: name and roles)
 * until they sign out or the session's idle timeout ends it; the session gets a new id when they sign in, so a
 * session id planted before (fixation) is worth nothing. Passwords are checked by the registry's identity service
 * (the sign-in page calls it), never here: this mechanism only accepts a {@link VerifiedSignIn}.
 *
 * <p>An anonymous request for a protected page is sent to the sign-in page, with the page it asked for (to return to
 * after signing in) and, when its session has expired, a reason the sign-in page explains. A Faces Ajax request gets
 * a partial-response redirect instead of a 302 its script could not follow.
 */
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

    /** The session attribute that holds the signed-in {@link SignedIn} (a name and a few role names). */
    static final String SESSION_USER = "org.modelregistry.console.user";

    /** The session cookie's name as server.xml sets it (httpSession cookieName). */
    static final String SESSION_COOKIE = "REGISTRY_CONSOLE";

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (context.getAuthParameters().getCredential() instanceof VerifiedSignIn signIn) {
            HttpSession session = request.getSession(true);
            request.changeSessionId();
            session.setAttribute(SESSION_USER, signIn.user());
            return signedIn(context, signIn.user());
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof SignedIn user) {
            return signedIn(context, user);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        // a session cookie whose session is gone: it timed out (or was never ours)
        boolean expired = session == null && carriesSessionCookie(request);
        String target = ConsolePaths.signInUrl(request, expired);
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            partialRedirect(response, target);
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return context.redirect(target);
    }

    private static boolean carriesSessionCookie(HttpServletRequest request) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        String cookie = name == null ? SESSION_COOKIE : name;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals(cookie)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static AuthenticationStatus signedIn(HttpMessageContext context, SignedIn user) {
        return context.notifyContainerAboutLogin(user.username(), new HashSet<>(user.roles()));
    }

    private static void partialRedirect(HttpServletResponse response, String target) {
        try {
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-store");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                            + ConsolePaths.xmlAttribute(target) + "\"/></partial-response>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
