package org.modelregistry.application.identity;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.identity.ServiceAccount;
import org.modelregistry.domain.identity.UserGrant;
import org.modelregistry.domain.identity.UserRepository;
import org.modelregistry.domain.shared.Actors;
import org.modelregistry.infrastructure.cache.CallerCache;
import org.modelregistry.infrastructure.security.SigningKeys;

/**
 * The caller of the current request with their memberships, resolved once per request: a user's from the caller
 * cache (emptied on every server when their account or memberships change, so a membership or a deactivation takes
 * effect on their next request, without waiting for tokens to expire), else from the database.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    Principal principal;

    /** The verified bearer token of the request (empty, with a null raw token, when there is none). */
    @Inject
    JsonWebToken token;

    @Inject
    UserRepository users;

    @Inject
    ModelRepository catalog;

    @Inject
    IdentitySettings settings;

    @Inject
    CallerCache callers;

    @EJB
    SigningKeys keys;

    /** The console's signed-in session user, for a request without a bearer token. */
    @Inject
    SessionSignIn session;

    /** Credentials an adapter checked for this request (MLflow's Basic or API-key bearer), if any. */
    @Inject
    RequestSignIn requestSignIn;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            String name = Actors.name(principal);
            Optional<String> signedIn = Actors.ANONYMOUS.equals(name) ? requestSignIn.get() : Optional.empty();
            if (signedIn.isPresent()) {
                // no bearer token to read (MP-JWT logs an error for each look at an absent one): an account's name
                caller = account(signedIn.get());
            } else if (token.getRawToken() != null && !signedByTheRegistry(token)) {
                // verified with an identity provider's key: never one of the registry's own accounts, and named in
                // a namespace of its own (an identity provider's "admin" is not the registry's admin)
                caller = singleSignOn(Caller.singleSignOnName(token.getIssuer(), token.getSubject()));
            } else if (token.getRawToken() == null && name.startsWith(Caller.SSO_PREFIX)) {
                // a console session of a single sign-on user: the roles of the ID token it signed in with, checked by
                // SingleSignOnService; no registry account can carry this name (user names cannot contain ':')
                caller = session.get()
                        .filter(user -> user.username().equals(name))
                        .map(user -> inSingleSignOnOrganization(name, Role.among(user.roles())))
                        .orElseGet(() -> Caller.unknown(name));
            } else {
                caller = account(name);
            }
        }
        return caller;
    }

    /**
     * Makes {@code warmUp} the caller of a request context that the warm-up (application.warmup) activated on its own
     * thread: there is no HTTP request, principal or token there, so nothing a client sends can lead here. Refused
     * once another caller was resolved, and for any name but one of {@link Caller#WARMUP_PREFIX} (a single sign-on host
     * under {@code .invalid}, which no identity provider can be).
     */
    public void assumeWarmUp(Caller warmUp) {
        if ((caller != null && !caller.equals(warmUp)) || !warmUp.username().startsWith(Caller.WARMUP_PREFIX)) {
            throw new IllegalStateException("the caller of this request is set already, or not the warm-up's");
        }
        caller = warmUp;
    }

    /** A service account (by its principal) or a user of the registry, with their roles; unknown when inactive. */
    private Caller account(String name) {
        if (name.startsWith(ServiceAccount.PRINCIPAL_PREFIX)) {
            return users.serviceAccountByName(name.substring(ServiceAccount.PRINCIPAL_PREFIX.length()))
                    .filter(ServiceAccount::isUsable)
                    .map(sa -> new Caller(name, false, Map.of(sa.getOrganizationId(), Set.of(sa.getRole()))))
                    .orElseGet(() -> Caller.unknown(name));
        }
        return callers.user(name, () -> users.findByUsername(name).map(u -> UserGrant.of(u, users.memberships(u))))
                .map(UserGrant::caller)
                .orElseGet(() -> Caller.unknown(name));
    }

    /**
     * @return the caller's name, when they are a registry administrator
     * @throws org.modelregistry.api.problem.ForbiddenException otherwise
     */
    public String requireRegistryAdmin(String what) {
        if (!get().registryAdmin()) {
            throw new ForbiddenException("Only registry administrators manage " + what);
        }
        return get().username();
    }

    /** True when the token carries the registry's own key id (and so was verified with the registry's key). */
    private boolean signedByTheRegistry(JsonWebToken jwt) {
        try {
            String kid =
                    JsonWebSignature.fromCompactSerialization(jwt.getRawToken()).getKeyIdHeaderValue();
            return keys.signingKey().getKeyId().equals(kid);
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A user without an account here, signed in at the configured identity provider with a bearer token: the roles
     * of their token (registry role names) apply in the single sign-on organization. Anyone else is unknown and sees
     * nothing. Their name is {@code sso:<issuer host>/<subject>}, which no local account or service account can have.
     */
    private Caller singleSignOn(String name) {
        Optional<String> issuer = settings.oidcIssuer();
        JsonWebToken jwt = token;
        if (issuer.isEmpty() || jwt.getRawToken() == null || !issuer.get().equals(jwt.getIssuer())) {
            return Caller.unknown(name);
        }
        Set<Role> roles = Role.among(jwt.getGroups() == null ? Set.of() : jwt.getGroups());
        return inSingleSignOnOrganization(name, roles);
    }

    /**
     * The same for the API's bearer tokens and the console's sessions: the registry roles of the provider's groups,
     * in the single sign-on organization; with none of them, nothing.
     */
    private Caller inSingleSignOnOrganization(String name, Set<Role> roles) {
        return catalog.organization(settings.oidcOrganization())
                .filter(o -> !roles.isEmpty())
                .map(o -> new Caller(name, false, Map.of(o.getId(), roles)))
                .orElseGet(() -> Caller.unknown(name));
    }
}
