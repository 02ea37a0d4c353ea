package org.modelregistry.infrastructure.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.modelregistry.application.catalog.StorageSettings;

/**
 * Chooses the blob store: an S3-compatible bucket when registry.storage.url is an {@code s3://} URL, else local disk
 * (a {@code file:} URL, registry.storage.dir, or {@code blobs} under the data directory).
 */
@ApplicationScoped
public class BlobStoreProducer {

    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class.getName());

    @Inject
    StorageSettings settings;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        Optional<S3Location> s3 = settings.s3();
        BlobStore store = s3.isPresent() ? new S3BlobStore(s3.get()) : new LocalBlobStore(settings.storageDir());
        LOG.info(() -> "Artifact blob store: " + store.describe());
        return store;
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }
}
