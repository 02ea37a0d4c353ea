package org.modelregistry.api.catalog;

/** What an artifact of a model version is. */
public enum ArtifactType {
    MODEL_WEIGHTS,
    CONTAINER_IMAGE,
    DATASET,
    MODEL_CARD,
    CODE,
    CONFIG,
    OTHER
}
