package org.modelregistry.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's own settings ({@code registry.<area>.<key>} in MicroProfile Config: environment variables
 * such as {@code REGISTRY_DATA_DIR}, system properties, or microprofile-config.properties). Server resources
 * (data source, ports) are configured in liberty-config instead.
 */
@ApplicationScoped
public class RegistrySettings {

    @Inject
    @ConfigProperty(name = "registry.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "registry.storage.dir")
    Optional<String> storageDir;

    @Inject
    @ConfigProperty(name = "registry.storage.max-upload-bytes", defaultValue = "21474836480")
    long maxUploadBytes;

    @Inject
    @ConfigProperty(name = "registry.api.max-page-size", defaultValue = "500")
    int maxPageSize;

    @Inject
    @ConfigProperty(name = "registry.storage.quota-bytes", defaultValue = "107374182400")
    long storageQuotaBytes;

    @Inject
    @ConfigProperty(name = "registry.api.default-page-size", defaultValue = "50")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "registry.idempotency.ttl-hours", defaultValue = "24")
    int idempotencyTtlHours;

    @Inject
    @ConfigProperty(name = "registry.db.migrate", defaultValue = "true")
    boolean migrate;

    @Inject
    @ConfigProperty(name = "registry.auth.issuer", defaultValue = "model-registry")
    String tokenIssuer;

    @Inject
    @ConfigProperty(name = "registry.auth.audience", defaultValue = "model-registry")
    String tokenAudience;

    @Inject
    @ConfigProperty(name = "registry.auth.token-lifetime-minutes", defaultValue = "15")
    int tokenLifetimeMinutes;

    @Inject
    @ConfigProperty(name = "registry.auth.pbkdf2-iterations", defaultValue = "600000")
    int pbkdf2Iterations;

    @Inject
    @ConfigProperty(name = "registry.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "registry.auth.roles-claim", defaultValue = "groups")
    String rolesClaim;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.organization", defaultValue = "default")
    String oidcOrganization;

    @Inject
    @ConfigProperty(name = "registry.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "registry.server.id")
    Optional<String> serverId;

    @Inject
    @ConfigProperty(name = "registry.http.port", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "registry.outbound.allow")
    Optional<String> outboundAllow;

    @Inject
    @ConfigProperty(name = "registry.secrets.key")
    Optional<String> secretsKey;

    @Inject
    @ConfigProperty(name = "registry.secrets.previous-keys")
    Optional<String> secretsPreviousKeys;

    public String rolesClaim() {
        return rolesClaim;
    }

    /** The issuer of an external OpenID Connect provider whose tokens the registry accepts, if any. */
    public Optional<String> oidcIssuer() {
        return oidcIssuer.filter(s -> !s.isBlank());
    }

    /** The organization where single sign-on users hold the roles of their token. */
    public String oidcOrganization() {
        return oidcOrganization;
    }

    public String tokenIssuer() {
        return tokenIssuer;
    }

    public String tokenAudience() {
        return tokenAudience;
    }

    public int tokenLifetimeMinutes() {
        return tokenLifetimeMinutes;
    }

    public int pbkdf2Iterations() {
        return pbkdf2Iterations;
    }

    /** The first administrator's password (REGISTRY_ADMIN_PASSWORD); empty means "generate one". */
    public Optional<String> adminPassword() {
        return adminPassword.filter(s -> !s.isBlank());
    }

    /** Where users keep real data (database, broker journal, index, blobs); it survives restarts and mvn clean. */
    public Path dataDir() {
        return Path.of(dataDir.filter(s -> !s.isBlank()).orElse(System.getProperty("user.home") + "/.model-registry"))
                .toAbsolutePath();
    }

    public Path storageDir() {
        return storageDir
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElse(dataDir().resolve("blobs"))
                .toAbsolutePath();
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public int maxPageSize() {
        return maxPageSize;
    }

    public int defaultPageSize() {
        return Math.min(defaultPageSize, maxPageSize);
    }

    public int idempotencyTtlHours() {
        return idempotencyTtlHours;
    }

    public boolean migrate() {
        return migrate;
    }

    /**
     * How CI/CD systems and links reach this registry (registry.public-url, e.g. https://registry.example.com);
     * by default this server's HTTP port on the loopback address.
     */
    public String publicUrl() {
        String url = publicUrl.filter(s -> !s.isBlank()).orElse("http://127.0.0.1:" + httpPort);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static final String BOOT_ID = UUID.randomUUID().toString();

    /**
     * This server among those sharing the database (registry.server.id; by default host name and HTTP port): it
     * must stay the same across restarts, and differ between servers running at the same time.
     */
    public String serverId() {
        return serverId.filter(s -> !s.isBlank()).orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            return host + ":" + httpPort;
        });
    }

    /** Who holds the leases this server's workers take: {@code <serverId>/<a random id of this start>}. */
    public String leaseOwner() {
        return serverId() + "/" + BOOT_ID;
    }

    /** Default storage quota of an organization for artifact content (0 = unlimited). */
    public long storageQuotaBytes() {
        return Math.max(0, storageQuotaBytes);
    }

    /** Internal hosts, addresses or CIDR ranges (each optionally with :port) targets and webhooks may call. */
    public String outboundAllow() {
        return outboundAllow.orElse("");
    }

    /** The key (base64, 32 bytes) that encrypts secrets at rest; empty: the one in the data directory. */
    public Optional<String> secretsKey() {
        return secretsKey.filter(s -> !s.isBlank());
    }

    /** Earlier keys (comma-separated base64) that still decrypt until their values are re-encrypted. */
    public String secretsPreviousKeys() {
        return secretsPreviousKeys.orElse("");
    }
}
