package org.modelregistry.api.identity;

import java.util.Optional;

/**
 * The console's single sign-on through the configured OpenID Connect provider (authorization code flow with PKCE).
 * The console keeps the flow's secrets ({@code state}, {@code nonce}, the PKCE verifier) in the person's HTTP
 * session; this service builds the provider's address and turns the code the provider sent back into a checked
 * sign-in.
 */
public interface SingleSignOnService {

    /** The provider's name for the sign-in button, when the console's single sign-on is configured. */
    Optional<String> providerName();

    /**
     * The provider's authorization address for this sign-in (response type {@code code}, the console's client id
     * and scopes, and the request's state, nonce and S256 code challenge).
     *
     * @throws org.modelregistry.api.problem.NotFoundException when single sign-on is not configured
     */
    String authorizationUrl(SingleSignOnStart start);

    /**
     * Exchanges the code at the provider's token endpoint and checks its ID token: signed (RS256 or ES256) by a key
     * of the provider's key set, issuer, audience, expiry, issue time and nonce. The person is
     * {@code sso:<issuer host>/<subject>} with the registry roles of the token's roles claim.
     *
     * @throws org.modelregistry.api.problem.UnauthorizedException when the exchange fails or the token is not
     *         accepted (the detail says which check, never the token)
     * @throws org.modelregistry.api.problem.ForbiddenException when the token carries no registry role
     */
    SignedIn signIn(SingleSignOnCallback callback);
}
