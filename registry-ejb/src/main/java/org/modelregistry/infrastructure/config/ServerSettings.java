package org.modelregistry.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server among those sharing the database: its data directory, its identity and leases, how it is reached
 * (registry.data.dir, registry.server.id, registry.http.port, registry.public-url), and whether it migrates the schema
 * at start (registry.db.migrate).
 */
@ApplicationScoped
public class ServerSettings implements CheckedSettings {

    private static final String BOOT_ID = UUID.randomUUID().toString();

    @Inject
    @ConfigProperty(name = "registry.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "registry.server.id")
    Optional<String> serverId;

    @Inject
    @ConfigProperty(name = "registry.http.port", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "registry.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "registry.db.migrate", defaultValue = "true")
    boolean migrate;

    /** Refuses a data directory that is not a path, naming the setting. */
    @Override
    public void check() {
        try {
            dataDir();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("registry.data.dir: not a path: " + e.getMessage(), e);
        }
    }

    /** Where users keep real data (database, broker journal, index, blobs); it survives restarts and mvn clean. */
    public Path dataDir() {
        return Path.of(dataDir.filter(s -> !s.isBlank()).orElse(System.getProperty("user.home") + "/.model-registry"))
                .toAbsolutePath();
    }

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

    /** The HTTP port of this server (registry.http.port), which its own loopback requests use. */
    public int httpPort() {
        return httpPort;
    }

    /** Who holds the leases this server's workers take: {@code <serverId>/<a random id of this start>}. */
    public String leaseOwner() {
        return serverId() + "/" + BOOT_ID;
    }

    /**
     * How CI/CD systems and links reach this registry (registry.public-url, e.g. https://registry.example.com);
     * by default this server's HTTP port on the loopback address.
     */
    public String publicUrl() {
        String url = publicUrl.filter(s -> !s.isBlank()).orElse("http://127.0.0.1:" + httpPort);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Does this server migrate the schema with Flyway at start (registry.db.migrate)? */
    public boolean migrate() {
        return migrate;
    }
}
