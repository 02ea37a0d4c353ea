package org.modelregistry.api.identity;

/**
 * The provider's answer to a console sign-in, after the console matched its {@code state}.
 *
 * @param code the authorization code (one use, short-lived; never logged)
 * @param codeVerifier the PKCE verifier kept in the session since the start
 * @param redirectUri the same callback address as at the start (the provider compares them)
 * @param nonce the nonce kept in the session since the start
 */
public record SingleSignOnCallback(String code, String codeVerifier, String redirectUri, String nonce) {

    @Override
    public String toString() {
        return "SingleSignOnCallback[code=***, codeVerifier=***, redirectUri=" + redirectUri + ", nonce=***]";
    }
}
