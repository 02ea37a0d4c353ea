package org.modelregistry.interfaces.web.identity;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A single sign-on begun in this browser and not finished yet, kept in its HTTP session (one small attribute) between
 * the redirect to the identity provider and the provider's redirect back: the {@code state} the callback must bring
 * back, the {@code nonce} the ID token must carry, the PKCE verifier (RFC 7636) whose S256 challenge went to the
 * provider, and the console page to go to afterwards. The callback takes it out of the session before looking at
 * it, so a state is good for one callback only, and it is good for {@link #LIFETIME_MILLIS}.
 *
 * @param next a console path, already checked ({@code ConsolePaths.afterSignIn})
 */
record PendingSignOn(String state, String nonce, String verifier, String next, long startedAtMillis)
        implements Serializable {

    /** The session attribute that holds it. */
    static final String SESSION_ATTRIBUTE = "org.modelregistry.console.singleSignOn";

    /** Time enough to sign in at the provider (a password, a second factor), not more. */
    static final long LIFETIME_MILLIS = 10 * 60 * 1000L;

    private static final SecureRandom RANDOM = new SecureRandom();

    static PendingSignOn begin(String next, long nowMillis) {
        return new PendingSignOn(random(), random(), random(), next, nowMillis);
    }

    /** 256 random bits in base64url: unguessable, and within the 43-128 characters a PKCE verifier may have. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 code challenge: base64url of the SHA-256 of the verifier. */
    String codeChallenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** True when the callback's state is this sign-in's (compared in constant time) and it has not expired. */
    boolean matches(String givenState, long nowMillis) {
        return givenState != null
                && nowMillis - startedAtMillis <= LIFETIME_MILLIS
                && nowMillis >= startedAtMillis
                && MessageDigest.isEqual(
                        givenState.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PendingSignOn[state=***, nonce=***, verifier=***, next=" + next + "]";
    }
}
