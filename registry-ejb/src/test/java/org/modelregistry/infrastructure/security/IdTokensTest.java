package org.modelregistry.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ID token checks of the console's single sign-on, one property wrong at a time. */
class IdTokensTest {

    private static final String ISSUER = "https://idp.example.test";
    private static final String CLIENT = "registry-console";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final IdTokens.Expected EXPECTED = new IdTokens.Expected(ISSUER, CLIENT, NONCE, "groups");

    private static RsaJsonWebKey provider;
    private static EllipticCurveJsonWebKey providerEc;
    private static RsaJsonWebKey stranger;
    private static List<JsonWebKey> trusted;

    @BeforeAll
    static void keys() throws Exception {
        provider = RsaJwkGenerator.generateJwk(2048);
        provider.setKeyId("provider-rsa");
        providerEc = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        providerEc.setKeyId("provider-ec");
        stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("provider-rsa"); // claims the provider's key id
        // what the key set holds: public keys only
        trusted = List.of(
                PublicJsonWebKey.Factory.newPublicJwk(provider.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)),
                PublicJsonWebKey.Factory.newPublicJwk(providerEc.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    private static JwtClaims claims() {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience(CLIENT);
        c.setSubject("248289761001");
        c.setIssuedAt(NumericDate.fromMilliseconds(NOW.toEpochMilli()));
        c.setExpirationTime(NumericDate.fromMilliseconds(NOW.plusSeconds(300).toEpochMilli()));
        c.setClaim("nonce", NONCE);
        c.setStringListClaim("groups", List.of("VIEWER", "staff"));
        return c;
    }

    private static String signed(JwtClaims claims, PublicJsonWebKey key, String alg) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(alg);
        return jws.getCompactSerialization();
    }

    private static String token(Consumer<JwtClaims> change) throws Exception {
        JwtClaims c = claims();
        change.accept(c);
        return signed(c, provider, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    private static IdTokens.Verified verify(String token) throws SingleSignOnRefusal {
        return IdTokens.verify(token, trusted, EXPECTED, NOW);
    }

    private static void refused(String token, String reason) {
        assertThatThrownBy(() -> verify(token))
                .isInstanceOf(SingleSignOnRefusal.class)
                .hasMessageContaining(reason)
                // the reason is a fixed phrase: no token, claim or nonce ends up in a log line
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(NONCE)
                        .doesNotContain(ISSUER)
                        .doesNotContain("eyJ"));
    }

    @Test
    void aTokenOfTheProvidersKeyForThisSignInPasses() throws Exception {
        IdTokens.Verified ok = verify(token(c -> {}));
        assertThat(ok.issuer()).isEqualTo(ISSUER);
        assertThat(ok.subject()).isEqualTo("248289761001");
        assertThat(ok.groups()).containsExactly("VIEWER", "staff");
        assertThat(verify(signed(claims(), providerEc, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                        .subject())
                .isEqualTo("248289761001");
    }

    @Test
    void anotherIssuerOrAudienceIsRefused() throws Exception {
        refused(token(c -> c.setIssuer("https://evil.example.test")), "another issuer");
        refused(token(c -> c.setIssuer(ISSUER + "/")), "another issuer");
        refused(token(c -> c.setAudience("another-client")), "another audience");
        refused(token(c -> c.unsetClaim("aud")), "another audience");
        refused(token(c -> c.setClaim("azp", "another-client")), "another client");
        assertThat(verify(token(c -> c.setAudience(CLIENT, "api"))).subject()).isEqualTo("248289761001");
    }

    @Test
    void aNonceOtherThanThisSignInsIsRefused() throws Exception {
        refused(token(c -> c.setClaim("nonce", "another-nonce")), "nonce");
        refused(token(c -> c.unsetClaim("nonce")), "nonce");
        assertThatThrownBy(() -> IdTokens.verify(
                        token(c -> {}), trusted, new IdTokens.Expected(ISSUER, CLIENT, null, "groups"), NOW))
                .isInstanceOf(SingleSignOnRefusal.class);
    }

    @Test
    void expiryAndIssueTimeAllowSixtySecondsOfSkewAndNoMore() throws Exception {
        refused(token(c -> expiresAt(c, NOW.minusSeconds(61))), "expired");
        assertThat(verify(token(c -> expiresAt(c, NOW.minusSeconds(30))))).isNotNull();
        assertThat(verify(token(c -> c.setIssuedAt(
                        NumericDate.fromMilliseconds(NOW.plusSeconds(50).toEpochMilli())))))
                .isNotNull();
        refused(token(c -> c.unsetClaim("exp")), "times");
        refused(
                token(c -> c.setIssuedAt(
                        NumericDate.fromMilliseconds(NOW.plusSeconds(120).toEpochMilli()))),
                "times");
        refused(
                token(c -> c.setIssuedAt(
                        NumericDate.fromMilliseconds(NOW.minusSeconds(3600).toEpochMilli()))),
                "times");
        refused(token(c -> c.unsetClaim("iat")), "times");
        refused(token(c -> c.unsetClaim("sub")), "subject");
    }

    private static void expiresAt(JwtClaims c, Instant exp) {
        c.setIssuedAt(NumericDate.fromMilliseconds(exp.minusSeconds(300).toEpochMilli()));
        c.setExpirationTime(NumericDate.fromMilliseconds(exp.toEpochMilli()));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        refused(jws.getCompactSerialization(), "not signed by the provider's key");
    }

    @Test
    void hmacKeyedWithThePublicKeyIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setKey(new HmacKey(provider.getPublicKey().getEncoded()));
        jws.setKeyIdHeaderValue(provider.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        refused(jws.getCompactSerialization(), "not signed by the provider's key");
    }

    @Test
    void aKeyOutsideTheProvidersSetIsRefusedEvenWhenTheTokenBringsIt() throws Exception {
        refused(signed(claims(), stranger, AlgorithmIdentifiers.RSA_USING_SHA256), "signature");
        // the token's own jwk header names the stranger's key: it is not looked at
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setKey(stranger.getPrivateKey());
        jws.setJwkHeader(stranger);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        refused(jws.getCompactSerialization(), "ID token");
        assertThatThrownBy(() -> IdTokens.verify(token(c -> {}), List.of(), EXPECTED, NOW))
                .hasMessageContaining("keys are not available");
    }

    @Test
    void rolesMayComeAsOneStringAndTheClaimIsConfigurable() throws Exception {
        String token = token(c -> c.setClaim("roles", "ADMIN"));
        assertThat(IdTokens.verify(token, trusted, new IdTokens.Expected(ISSUER, CLIENT, NONCE, "roles"), NOW)
                        .groups())
                .containsExactly("ADMIN");
        assertThat(verify(token(c -> c.unsetClaim("groups"))).groups()).isEmpty();
    }
}
