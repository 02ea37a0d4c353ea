package org.modelregistry.interfaces.web;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.modelregistry.api.identity.SignedIn;

/** Hands a checked sign-in to {@link ConsoleAuthentication}; the only way a {@link VerifiedSignIn} is made. */
public final class SignIns {

    private SignIns() {}

    public static AuthenticationStatus authenticate(
            SecurityContext security, HttpServletRequest request, HttpServletResponse response, SignedIn user) {
        return security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new VerifiedSignIn(user))
                        .newAuthentication(true));
    }
}
