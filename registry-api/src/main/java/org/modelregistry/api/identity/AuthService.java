package org.modelregistry.api.identity;

/** Issues the registry's own RS256 access tokens and publishes the keys that verify them. */
public interface AuthService {

    /**
     * Checks the credentials and issues a token. Failures are throttled per user name and per client address
     * (429 once locked out).
     *
     * @throws org.modelregistry.api.problem.UnauthorizedException when they do not match an active user (the same
     *         answer whether the user exists or not)
     */
    TokenResponse issueToken(TokenRequest request, String clientAddress);

    /**
     * Checks a user's name and password for the console, with the same throttle and the same cost as
     * {@link #issueToken} (a service account's key never signs in here).
     *
     * @throws org.modelregistry.api.problem.UnauthorizedException when they do not match an active user
     * @throws org.modelregistry.api.problem.TooManyRequestsException when the name or the address is locked out
     */
    SignedIn signIn(String username, String password, String clientAddress);

    /**
     * Checks a user's name and password, or a service account's API key, with the same throttle and cost as
     * {@link #issueToken}, and makes that principal the caller of the current request: for adapters whose clients
     * cannot obtain a bearer token first (MLflow clients send HTTP Basic or an API key as the bearer).
     *
     * @return the principal's name (a service account's is {@code svc+<name>})
     * @throws org.modelregistry.api.problem.UnauthorizedException when the credentials do not match
     * @throws org.modelregistry.api.problem.TooManyRequestsException when the name or the address is locked out
     */
    String signInRequest(TokenRequest credentials, String clientAddress);

    /** The public signing keys as a JSON Web Key Set (RFC 7517). */
    String jwks();

    /** The keys tokens are verified with: the registry's and a configured identity provider's. */
    String trustedKeys();

    /** The registry's public signing key as a PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo). */
    String signingKeyPem();
}
