package org.modelregistry.infrastructure.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.modelregistry.application.catalog.StorageSettings;

/** Chooses the blob store implementation; local disk under the data directory by default. */
@ApplicationScoped
public class BlobStoreProducer {

    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class.getName());

    @Inject
    StorageSettings settings;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        LOG.info(() -> "Artifact blob store: " + settings.storageDir());
        return new LocalBlobStore(settings.storageDir());
    }
}
