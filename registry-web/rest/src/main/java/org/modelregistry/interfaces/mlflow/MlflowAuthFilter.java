package org.modelregistry.interfaces.mlflow;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.regex.Pattern;
import org.modelregistry.api.identity.AuthService;
import org.modelregistry.api.identity.TokenRequest;

/**
 * Authenticates MLflow clients the way they send credentials. A registry access token ({@code MLFLOW_TRACKING_TOKEN})
 * is verified by the container before this runs, like any bearer token of the API. HTTP Basic
 * ({@code MLFLOW_TRACKING_USERNAME}/{@code PASSWORD}) and a service account's API key (as the bearer, or as the Basic
 * password) are checked by the identity service with the login throttle of the token endpoint, which then makes that
 * principal the caller of this request. A request with none of these is refused (UNAUTHENTICATED): MLflow's API has no
 * anonymous reads here.
 */
@MlflowApi
@Provider
@Priority(Priorities.AUTHENTICATION)
public class MlflowAuthFilter implements ContainerRequestFilter {

    /** The shape of a service account's API key ({@code mr_<prefix>_<secret>}): such a Basic password is a key. */
    private static final Pattern API_KEY = Pattern.compile("^mr_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$");

    /** Longer headers are not credentials anyone was given; refused before anything is decoded. */
    private static final int MAX_HEADER = 4096;

    @EJB
    AuthService auth;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security != null && security.getUserPrincipal() != null) {
            return; // a bearer token the container verified
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw unauthenticated("Authenticate with MLFLOW_TRACKING_TOKEN (a registry token or an API key) or with"
                    + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD");
        }
        if (authorization.length() > MAX_HEADER) {
            throw unauthenticated("The Authorization header is too long");
        }
        String address = servletRequest.getRemoteAddr();
        TokenRequest credentials;
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw unauthenticated("The Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw unauthenticated("The Basic credentials must be <user>:<password>");
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            credentials = API_KEY.matcher(password).matches()
                    ? new TokenRequest(null, null, password)
                    : new TokenRequest(user, password, null);
        } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credentials =
                    new TokenRequest(null, null, authorization.substring(7).trim());
        } else {
            throw unauthenticated("Use Basic or Bearer authentication");
        }
        String principal = auth.signInRequest(credentials, address);
        request.setSecurityContext(new SignedIn(principal, security));
    }

    private static MlflowException unauthenticated(String message) {
        return new MlflowException(MlflowException.UNAUTHENTICATED, 401, message);
    }

    /**
     * The security context of a request the identity service signed in: its principal, and no container role (the
     * registry's services decide from the caller's memberships; the rate limit charges the principal).
     */
    private record SignedIn(String name, SecurityContext container) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return container != null && container.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return SecurityContext.BASIC_AUTH;
        }
    }
}
