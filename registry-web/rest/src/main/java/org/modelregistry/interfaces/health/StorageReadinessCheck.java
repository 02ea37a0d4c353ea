package org.modelregistry.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.modelregistry.infrastructure.storage.BlobStore;

/**
 * Ready when the artifact blob store can be used: the local directory is writable, or the S3 bucket answers with the
 * configured credentials (and, the first time, accepts a write). A store that is away or refused makes the registry
 * DOWN with the reason, naming the setting to fix, instead of stopping the start: an object store may come up after
 * the registry. The answer is kept for {@value #CACHE_MS} ms so that frequent probes do not each call the store. Part
 * of {@link RegistryReadinessCheck}: its details (store, error) are for administrators only.
 */
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    static final long CACHE_MS = 5_000;

    @Inject
    BlobStore blobs;

    private HealthCheckResponse last;
    private long lastAt;

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (last == null || now - lastAt > TimeUnit.MILLISECONDS.toNanos(CACHE_MS)) {
            last = probe();
            lastAt = System.nanoTime();
        }
        return last;
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("storage").withData("store", blobs.describe());
        try {
            blobs.probe();
            return response.up().build();
        } catch (IOException | RuntimeException e) {
            return response.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
