package org.modelregistry.infrastructure.cache;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;

/**
 * The JPA entity listener (declared in META-INF/orm.xml, so the domain classes stay free of it) that tells the
 * read cache which models and versions a transaction changed: their entries are emptied when it commits.
 */
public class CatalogChanges {

    @Inject
    CatalogCache cache;

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        if (entity instanceof Model model) {
            cache.modelChanged(model.getId());
        } else if (entity instanceof ModelVersion version) {
            cache.versionChanged(version.getModelId(), version.getVersion());
        }
    }
}
