package org.modelregistry.api.identity;

/**
 * A console sign-in about to be sent to the identity provider.
 *
 * @param redirectUri the console's callback address, absolute (the provider sends the code there)
 * @param state an unguessable value the console keeps in the session and expects back, once
 * @param nonce an unguessable value the ID token must carry
 * @param codeChallenge base64url of the SHA-256 of the PKCE verifier the console keeps
 */
public record SingleSignOnStart(String redirectUri, String state, String nonce, String codeChallenge) {}
