package org.modelregistry.application.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.identity.SignedIn;
import org.modelregistry.api.identity.SingleSignOnCallback;
import org.modelregistry.api.identity.SingleSignOnService;
import org.modelregistry.api.identity.SingleSignOnStart;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.UnauthorizedException;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.LogSafe;
import org.modelregistry.infrastructure.security.IdTokens;
import org.modelregistry.infrastructure.security.ProviderTokenEndpoint;
import org.modelregistry.infrastructure.security.SingleSignOnRefusal;
import org.modelregistry.infrastructure.security.TrustedKeys;

/**
 * The console's single sign-on (registry.auth.oidc.*): the authorization address, and the code exchanged for an ID
 * token checked against the provider's keys ({@link TrustedKeys}, the same copy the API's token check uses). The
 * person gets the name and the roles the API gives a bearer token of the same provider user
 * ({@link CurrentCaller}): {@code sso:<issuer host>/<subject>}, the registry role names of the roles claim.
 *
 * <p>Nothing is stored. The container's transaction is kept (rather than none) so that a refusal, which marks it for
 * rollback, ends quietly; it holds no database resource while the provider answers. Refusals are logged by the
 * caller, with its request id.
 */
@Stateless
@Local(SingleSignOnService.class)
public class SingleSignOnServiceBean implements SingleSignOnService {

    private static final Logger LOG = Logger.getLogger(SingleSignOnServiceBean.class.getName());

    @Inject
    IdentitySettings settings;

    @EJB
    TrustedKeys trusted;

    @Override
    public Optional<String> providerName() {
        return settings.consoleSingleSignOn() ? Optional.of(settings.oidcDisplayName()) : Optional.empty();
    }

    @Override
    public String authorizationUrl(SingleSignOnStart start) {
        requireConfigured();
        String base = settings.oidcAuthorizationUrl();
        return base
                + (base.contains("?") ? "&" : "?")
                + "response_type=code"
                + "&client_id=" + encode(settings.oidcClientId())
                + "&redirect_uri=" + encode(start.redirectUri())
                + "&scope=" + encode(settings.oidcScopes())
                + "&state=" + encode(start.state())
                + "&nonce=" + encode(start.nonce())
                + "&code_challenge=" + encode(start.codeChallenge())
                + "&code_challenge_method=S256";
    }

    @Override
    public SignedIn signIn(SingleSignOnCallback callback) {
        requireConfigured();
        String issuer = settings.oidcIssuer().orElseThrow();
        IdTokens.Verified token;
        try {
            String idToken = ProviderTokenEndpoint.exchange(
                    settings.oidcTokenUrl(),
                    settings.oidcClientId(),
                    settings.oidcClientSecret(),
                    callback.code(),
                    callback.codeVerifier(),
                    callback.redirectUri());
            token = IdTokens.verify(
                    idToken,
                    trusted.providerKeys(),
                    new IdTokens.Expected(issuer, settings.oidcClientId(), callback.nonce(), settings.rolesClaim()),
                    Instant.now());
        } catch (SingleSignOnRefusal refused) {
            throw new UnauthorizedException(
                    "The identity provider's sign-in was not accepted: " + refused.getMessage());
        }
        String name = Caller.singleSignOnName(issuer, token.subject());
        Set<String> roles = new TreeSet<>();
        Role.among(token.groups()).forEach(r -> roles.add(r.name()));
        if (roles.isEmpty()) {
            LOG.info(() -> "console single sign-on of " + LogSafe.of(name) + ": no registry role in the token");
            throw new ForbiddenException("Your account at the identity provider has no role in this registry");
        }
        LOG.info(() -> "console single sign-on of " + LogSafe.of(name) + " with " + roles);
        return new SignedIn(name, roles);
    }

    private void requireConfigured() {
        if (!settings.consoleSingleSignOn()) {
            throw new NotFoundException("single sign-on", "console");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
