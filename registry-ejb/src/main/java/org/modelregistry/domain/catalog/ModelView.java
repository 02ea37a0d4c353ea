package org.modelregistry.domain.catalog;

import java.util.UUID;
import org.modelregistry.api.catalog.ModelDto;

/**
 * A model as a reader sees it, and the organization whose it is (what visibility is checked against): what the read
 * cache keeps of a model, read from the database in one query ({@link ModelRepository#findModelView}).
 */
public record ModelView(ModelDto model, UUID organizationId) {}
