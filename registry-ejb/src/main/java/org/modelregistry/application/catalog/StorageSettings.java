package org.modelregistry.application.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * Where artifact content is kept and how much of it an organization may hold (registry.storage.dir,
 * registry.storage.max-upload-bytes, registry.storage.quota-bytes).
 */
@ApplicationScoped
public class StorageSettings implements CheckedSettings {

    @Inject
    ServerSettings server;

    @Inject
    @ConfigProperty(name = "registry.storage.dir")
    Optional<String> storageDir;

    @Inject
    @ConfigProperty(name = "registry.storage.max-upload-bytes", defaultValue = "21474836480")
    long maxUploadBytes;

    @Inject
    @ConfigProperty(name = "registry.storage.quota-bytes", defaultValue = "107374182400")
    long storageQuotaBytes;

    /** Refuses a storage directory that is not a path, naming the setting. */
    @Override
    public void check() {
        try {
            storageDir();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("registry.storage.dir: not a path: " + e.getMessage(), e);
        }
    }

    /** The blob store's directory: registry.storage.dir, by default {@code blobs} in the data directory. */
    public Path storageDir() {
        return storageDir
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> server.dataDir().resolve("blobs"))
                .toAbsolutePath();
    }

    /** The largest artifact content one upload may bring. */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** Default storage quota of an organization for artifact content (0 = unlimited). */
    public long storageQuotaBytes() {
        return Math.max(0, storageQuotaBytes);
    }
}
