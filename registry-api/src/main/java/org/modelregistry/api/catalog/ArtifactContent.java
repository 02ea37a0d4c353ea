package org.modelregistry.api.catalog;

import java.nio.file.Path;

/** Where the stored content of an artifact can be read from, with what a server needs to serve it. */
public record ArtifactContent(Path path, String sha256, long size, String mediaType, String fileName) {}
