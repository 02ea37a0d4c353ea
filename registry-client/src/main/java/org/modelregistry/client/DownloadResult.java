package org.modelregistry.client;

import java.nio.file.Path;
import org.modelregistry.api.catalog.ArtifactDto;

/**
 * A finished download: the file, its size and its verified SHA-256, and where it resumed ({@code resumedFrom} is the
 * byte it started at: non-zero when a partial file of an earlier attempt was continued with a Range request).
 */
public record DownloadResult(
        ArtifactDto artifact, Path file, long size, String sha256, long resumedFrom, int requests) {}
