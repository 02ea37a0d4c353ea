package org.modelregistry.application.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.modelregistry.api.identity.AuthService;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.identity.TokenRequest;
import org.modelregistry.api.identity.TokenResponse;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.UnauthorizedException;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.PasswordHash;
import org.modelregistry.domain.identity.ServiceAccount;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;
import org.modelregistry.domain.shared.LogSafe;
import org.modelregistry.infrastructure.security.LoginThrottle;
import org.modelregistry.infrastructure.security.SigningKeys;
import org.modelregistry.infrastructure.security.TrustedKeys;

/**
 * Issues RS256 access tokens with the MicroProfile JWT claims ({@code iss, sub, upn, groups, exp, iat, jti, aud}).
 * {@code groups} holds the roles the user has anywhere ({@code ADMIN} for a registry administrator); the roles per
 * organization travel in the {@code orgs} claim.
 */
@Stateless
@Local(AuthService.class)
public class AuthServiceBean implements AuthService {

    private static final Logger LOG = Logger.getLogger(AuthServiceBean.class.getName());
    private static final String DENIED = "The user name or password is wrong, or the user is disabled";

    @Inject
    UserRepository users;

    @Inject
    IdentitySettings settings;

    @EJB
    SigningKeys keys;

    @EJB
    TrustedKeys trusted;

    @Inject
    LoginThrottle throttle;

    @Inject
    RequestSignIn requestSignIn;

    @Override
    public TokenResponse issueToken(TokenRequest request, String clientAddress) {
        if (request.apiKey() != null) {
            try {
                return issueForApiKey(request.apiKey());
            } catch (UnauthorizedException e) {
                throttle.apiKeyRefused(clientAddress); // 429 once the address has no failures left
                throw e;
            }
        }
        return sign(authenticate(request.username(), request.password(), clientAddress));
    }

    @Override
    public SignedIn signIn(String username, String password, String clientAddress) {
        User user = authenticate(username, password, clientAddress);
        return new SignedIn(user.getUsername(), rolesAnywhere(user));
    }

    @Override
    public String signInRequest(TokenRequest credentials, String clientAddress) {
        String principal;
        if (credentials.apiKey() != null) {
            try {
                principal = usableAccount(credentials.apiKey()).principal();
            } catch (UnauthorizedException e) {
                throttle.apiKeyRefused(clientAddress);
                throw e;
            }
        } else {
            principal = authenticate(credentials.username(), credentials.password(), clientAddress)
                    .getUsername();
        }
        requestSignIn.set(principal);
        return principal;
    }

    /** The one password check of the registry: bounded, throttled, and as costly for unknown users as for real ones. */
    private User authenticate(String username, String secret, String clientAddress) {
        // bounded before anything is hashed, logged or kept: a 1 MB name is a bad request, not a failed sign-in
        if (!User.isValidUsername(username)) {
            throw new BadRequestException("username", "username " + User.USERNAME_RULE);
        }
        if (!User.isBoundedPassword(secret)) {
            throw new BadRequestException("password", "password must be at most " + User.MAX_PASSWORD_BYTES + " bytes");
        }
        LoginThrottle.Attempt attempt = throttle.begin(username, clientAddress);
        char[] password = secret.toCharArray();
        // the same PBKDF2 cost for unknown, inactive and real users: timing must not reveal which names exist
        String dummy = PasswordHash.dummy(settings.pbkdf2Iterations());
        Optional<User> user = users.findByUsername(username);
        boolean authenticated = false;
        if (user.isPresent()) {
            authenticated = user.get().authenticates(password, dummy);
        } else {
            PasswordHash.verify(password, dummy); // the cost of a check, with nothing to find
        }
        Arrays.fill(password, '\0');
        if (!authenticated) {
            LOG.info(() -> "token refused: " + (user.isEmpty() ? "unknown user " : "wrong password or inactive user ")
                    + LogSafe.of(username) + " from " + LogSafe.of(clientAddress));
            throw new UnauthorizedException(DENIED);
        }
        throttle.succeeded(attempt);
        return user.get();
    }

    private TokenResponse issueForApiKey(String apiKey) {
        ServiceAccount sa = usableAccount(apiKey);
        var orgs = new TreeMap<String, List<String>>();
        orgs.put(sa.getOrganizationId().toString(), List.of(sa.getRole().name()));
        return sign(
                sa.getId(), sa.principal(), new TreeSet<>(List.of(sa.getRole().name())), orgs);
    }

    /** The service account the key belongs to, marked as used; 401 for a key that is unknown, revoked or expired. */
    private ServiceAccount usableAccount(String apiKey) {
        String prefix = ServiceAccount.prefixOf(apiKey);
        Optional<ServiceAccount> account = prefix == null ? Optional.empty() : users.serviceAccountByPrefix(prefix);
        if (account.isEmpty() || !account.get().accepts(apiKey)) {
            LOG.info(() -> "token refused: unknown, revoked or expired API key "
                    + (prefix == null ? "(malformed)" : LogSafe.of(prefix)));
            throw new UnauthorizedException("The API key is unknown, revoked or expired");
        }
        ServiceAccount sa = account.get();
        sa.used();
        return sa;
    }

    private TokenResponse sign(User user) {
        var orgs = new TreeMap<String, List<String>>();
        for (Membership m : users.memberships(user)) {
            orgs.computeIfAbsent(m.getOrganizationId().toString(), k -> new ArrayList<>())
                    .add(m.getRole().name());
        }
        return sign(user.getId(), user.getUsername(), rolesAnywhere(user), orgs);
    }

    /** The roles the user holds in any organization, and {@code ADMIN} for a registry administrator. */
    private TreeSet<String> rolesAnywhere(User user) {
        TreeSet<String> groups = new TreeSet<>();
        if (user.isRegistryAdmin()) {
            groups.add(Role.ADMIN.name());
        }
        for (Membership m : users.memberships(user)) {
            groups.add(m.getRole().name());
        }
        return groups;
    }

    private TokenResponse sign(UUID subject, String principal, TreeSet<String> groups, Map<String, List<String>> orgs) {
        long lifetimeSeconds = settings.tokenLifetimeMinutes() * 60L;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.tokenIssuer());
        claims.setAudience(settings.tokenAudience());
        claims.setSubject(subject.toString());
        claims.setClaim("upn", principal);
        claims.setClaim("preferred_username", principal);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(settings.tokenLifetimeMinutes());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim("groups", List.copyOf(groups));
        if (!settings.rolesClaim().equals("groups")) {
            // the server reads roles from the claim single sign-on uses: carry them there too
            claims.setStringListClaim(settings.rolesClaim(), List.copyOf(groups));
        }
        claims.setClaim("orgs", orgs);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.signingKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return new TokenResponse(jws.getCompactSerialization(), "Bearer", lifetimeSeconds);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    @Override
    public String jwks() {
        return keys.jwks();
    }

    @Override
    public String trustedKeys() {
        return trusted.jwks();
    }

    @Override
    public String signingKeyPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.signingKey().getPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }
}
