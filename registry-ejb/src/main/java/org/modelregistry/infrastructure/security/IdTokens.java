package org.modelregistry.infrastructure.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Checks an OpenID Connect ID token (OpenID Connect Core 1.0, 3.1.3.7): signed with RS256 or ES256 by one of the
 * provider's keys (given here, never taken from the token's {@code jwk}, {@code jku} or {@code x5u} headers; no
 * {@code none}, no HMAC keyed with a public key), issued by the configured issuer, for the console's client
 * ({@code aud} contains it, {@code azp} when present is it), not expired, not issued in the future, within
 * {@link #CLOCK_SKEW_SECONDS}, with a subject and the nonce of this sign-in.
 */
public final class IdTokens {

    /** Clocks of the registry and the provider may differ by this much. */
    public static final int CLOCK_SKEW_SECONDS = 60;

    /** An ID token comes straight from the token endpoint: one issued longer ago than this is not this sign-in's. */
    static final int MAX_AGE_SECONDS = 10 * 60;

    /** Larger tokens are not parsed (a provider's ID token is a few kilobytes). */
    static final int MAX_CHARS = 16 * 1024;

    /** What the token must say. */
    public record Expected(String issuer, String clientId, String nonce, String rolesClaim) {}

    /** A checked ID token: who the provider says the person is, and the groups of its roles claim. */
    public record Verified(String issuer, String subject, List<String> groups) {}

    private IdTokens() {}

    public static Verified verify(String idToken, List<JsonWebKey> providerKeys, Expected expected, Instant now)
            throws SingleSignOnRefusal {
        if (idToken == null || idToken.isEmpty() || idToken.length() > MAX_CHARS) {
            throw new SingleSignOnRefusal("no ID token, or one too large");
        }
        if (providerKeys.isEmpty()) {
            throw new SingleSignOnRefusal("the provider's keys are not available");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(providerKeys))
                .setExpectedIssuer(true, expected.issuer())
                .setExpectedAudience(true, expected.clientId())
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                // jose4j adds the clock skew to both bounds: iat at most 60 s ahead, 10 min + 60 s behind
                .setIssuedAtRestrictions(0, MAX_AGE_SECONDS)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new SingleSignOnRefusal(reason(e));
        }
        try {
            Object azp = claims.getClaimValue("azp");
            if (azp != null && !expected.clientId().equals(azp)) {
                throw new SingleSignOnRefusal("the ID token is for another client (azp)");
            }
            if (!(claims.getClaimValue("nonce") instanceof String nonce)
                    || expected.nonce() == null
                    || !MessageDigest.isEqual(
                            nonce.getBytes(StandardCharsets.UTF_8),
                            expected.nonce().getBytes(StandardCharsets.UTF_8))) {
                throw new SingleSignOnRefusal("the ID token's nonce is not this sign-in's");
            }
            return new Verified(claims.getIssuer(), claims.getSubject(), groups(claims, expected.rolesClaim()));
        } catch (MalformedClaimException e) {
            throw new SingleSignOnRefusal("the ID token has a malformed claim");
        }
    }

    /** The claim's strings: an array of them, or one string. */
    private static List<String> groups(JwtClaims claims, String claim) {
        Object value = claims.getClaimValue(claim);
        List<String> groups = new ArrayList<>();
        if (value instanceof String one) {
            groups.add(one);
        } else if (value instanceof List<?> many) {
            many.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .forEach(groups::add);
        }
        return List.copyOf(groups);
    }

    /** A fixed phrase for the first check that failed: jose4j's own messages quote the claims. */
    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the ID token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "the ID token is from another issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the ID token is for another audience";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
                || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
                || e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "the ID token's times are not acceptable";
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "the ID token has no subject";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the ID token's signature is not valid";
        }
        // an algorithm that is not allowed, a key that is not the provider's, a malformed token
        return "the ID token is not signed by the provider's key with RS256 or ES256, or is malformed (jose4j codes "
                + e.getErrorDetails().stream().map(d -> d.getErrorCode()).toList() + ")";
    }
}
