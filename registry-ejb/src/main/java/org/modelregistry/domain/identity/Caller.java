package org.modelregistry.domain.identity;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.domain.shared.Digests;

/**
 * Who is calling and what they may touch. Objects of an organization the caller is not a member of do not exist for
 * them (404, never 403, so ids cannot be probed); members who may not change an object get 403.
 *
 * @param roles the caller's roles per organization id
 */
public record Caller(String username, boolean registryAdmin, Map<UUID, Set<Role>> roles) {

    public Caller {
        roles = Map.copyOf(roles);
    }

    /** The prefix of single sign-on principals: local user names and service accounts never contain ':'. */
    public static final String SSO_PREFIX = "sso:";

    /**
     * The prefix of the warm-up's principals ({@code application.warmup}): shaped like a single sign-on name so that
     * it may own the models it registers (and rolls back), under a host of the reserved {@code .invalid} domain that
     * no identity provider has; never an account, never committed anywhere.
     */
    public static final String WARMUP_PREFIX = SSO_PREFIX + "warmup.invalid/";

    private static final Pattern PLAIN_SUBJECT = Pattern.compile("^[A-Za-z0-9._@+|=-]{1,63}$");
    private static final Pattern PLAIN_HOST = Pattern.compile("^[A-Za-z0-9.-]{1,60}$");

    /**
     * The principal name of a user of an identity provider: {@code sso:<issuer host>/<subject>} (the subject is the
     * provider's stable id of the user; its user names may be reassigned). Subjects or hosts that are long or hold
     * other characters are replaced by a hash, so the name fits 128 characters and the owners rule.
     */
    public static String singleSignOnName(String issuer, String subject) {
        String host = issuer == null ? "" : issuer;
        try {
            String parsed = URI.create(host).getHost();
            host = parsed != null ? parsed : host;
        } catch (IllegalArgumentException notAUri) {
            // an issuer that is not a URI is named by its hash below
        }
        // a hashed part starts with '~', which no plain host or subject has: it cannot name someone else
        String h = PLAIN_HOST.matcher(host).matches() ? host.toLowerCase(Locale.ROOT) : "~" + shortHash(host);
        String s = subject != null && PLAIN_SUBJECT.matcher(subject).matches() ? subject : "~" + shortHash(subject);
        return SSO_PREFIX + h + "/" + s;
    }

    private static String shortHash(String value) {
        return Digests.sha256Hex(value == null ? "" : value).substring(0, 32);
    }

    /** A caller the registry does not know (a valid token for a user that has no account here). */
    public static Caller unknown(String username) {
        return new Caller(username, false, Map.of());
    }

    public boolean isMember(UUID organizationId) {
        return registryAdmin || roles.containsKey(organizationId);
    }

    public boolean has(UUID organizationId, Role role) {
        return roles.getOrDefault(organizationId, Set.of()).contains(role);
    }

    /** The organizations whose objects the caller may see; null means all of them (a registry administrator). */
    public Set<UUID> visibleOrganizations() {
        return registryAdmin ? null : roles.keySet();
    }

    /** 404 unless the caller may see objects of the organization. */
    public void requireVisible(UUID organizationId, String what, Object id) {
        if (!isMember(organizationId)) {
            throw new NotFoundException(what, id);
        }
    }

    /** May register models in the organization: CONTRIBUTOR or ADMIN there, or a registry administrator. */
    public void requireContributor(UUID organizationId, String slug) {
        requireVisible(organizationId, "organization", slug);
        if (!registryAdmin && !has(organizationId, Role.CONTRIBUTOR) && !has(organizationId, Role.ADMIN)) {
            throw new ForbiddenException(
                    "Registering models in organization " + slug + " takes the CONTRIBUTOR role there");
        }
    }

    /**
     * May change a model (and its versions and artifacts): one of its owners, an ADMIN of its organization, or a
     * registry administrator. Others who can see it get 403.
     */
    public void requireOwner(UUID organizationId, List<String> owners, String what, Object id) {
        requireVisible(organizationId, what, id);
        if (registryAdmin || has(organizationId, Role.ADMIN) || owners.contains(username)) {
            return;
        }
        throw new ForbiddenException("Only the owners of " + what + " " + id + " or an administrator may change it");
    }
}
