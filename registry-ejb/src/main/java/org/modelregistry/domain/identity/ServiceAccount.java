package org.modelregistry.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.identity.Role;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Digests;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * A non-human principal (a CI pipeline) with one role in one organization and an API key that expires and can be
 * revoked. Its principal name is {@code svc+<name>}, which no user name can take.
 */
@Entity
@Table(name = "service_account")
@NamedQuery(name = "ServiceAccount.findByPrefix", query = "SELECT s FROM ServiceAccount s WHERE s.keyPrefix = :prefix")
@NamedQuery(name = "ServiceAccount.findByName", query = "SELECT s FROM ServiceAccount s WHERE s.name = :name")
public class ServiceAccount extends AuditedEntity {

    public static final String PRINCIPAL_PREFIX = "svc+";
    private static final Pattern KEY = Pattern.compile("^mr_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Column(name = "name", nullable = false, length = 63, updatable = false)
    private String name;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16, updatable = false)
    private Role role;

    @Column(name = "key_prefix", nullable = false, length = 16, updatable = false)
    private String keyPrefix;

    @Column(name = "key_hash", nullable = false, length = 64, updatable = false)
    private String keyHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected ServiceAccount() {
        // for JPA
    }

    private ServiceAccount(String name, UUID organizationId, Role role, int days, String actor) {
        super(actor);
        this.name = name;
        this.organizationId = organizationId;
        this.role = role;
        this.expiresAt = now().plusDays(days);
    }

    /** A new account and its key; the key exists only in the returned pair, never in the database. */
    public record Created(ServiceAccount account, String apiKey) {}

    public static Created create(String name, UUID organizationId, Role role, Integer expiresInDays, String actor) {
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", name);
        errors.check(role != null, "role", "is required");
        int days = expiresInDays == null ? 90 : expiresInDays;
        errors.check(days >= 1 && days <= 365, "expiresInDays", "must be between 1 and 365");
        errors.throwIfAny();
        ServiceAccount account = new ServiceAccount(name, organizationId, role, days, actor);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            prefix.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key =
                "mr_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        account.keyPrefix = prefix.toString();
        account.keyHash = Digests.sha256Hex(key);
        return new Created(account, key);
    }

    /** The prefix that finds the account of a well-formed key, or null. */
    public static String prefixOf(String apiKey) {
        var m = apiKey == null ? null : KEY.matcher(apiKey);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /** True when the key is this account's, and the account is neither revoked nor expired. */
    public boolean accepts(String apiKey) {
        boolean matches = MessageDigest.isEqual(
                Digests.sha256Hex(apiKey).getBytes(StandardCharsets.US_ASCII),
                keyHash.getBytes(StandardCharsets.US_ASCII));
        return matches && isUsable();
    }

    public boolean isUsable() {
        return revokedAt == null && expiresAt.isAfter(now());
    }

    public void used() {
        this.lastUsedAt = now();
    }

    public void revoke(String actor) {
        if (revokedAt == null) {
            revokedAt = now();
            touch(actor);
        }
    }

    public String principal() {
        return PRINCIPAL_PREFIX + name;
    }

    public String getName() {
        return name;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public Role getRole() {
        return role;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }

    public OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }
}
