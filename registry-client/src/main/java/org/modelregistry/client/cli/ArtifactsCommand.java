package org.modelregistry.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.common.Page;
import org.modelregistry.client.DownloadResult;
import org.modelregistry.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry artifacts list|upload|download}: content in and out, its SHA-256 checked both ways. */
@Command(
        name = "artifacts",
        description = "Upload and download the artifacts of a version, digests checked.",
        subcommands = {
            ArtifactsCommand.ListArtifacts.class,
            ArtifactsCommand.Upload.class,
            ArtifactsCommand.Download.class
        })
final class ArtifactsCommand {

    @Command(name = "list", description = "List the artifacts of a version (listArtifacts).")
    static final class ListArtifacts extends VersionCommand {
        @Override
        public Integer call() {
            resolve();
            Page<ArtifactDto> page = client.listArtifacts(modelId, version, Query.of("limit", 200));
            print(page, () -> {
                Table t = Table.of("ID", "TYPE", "NAME", "SIZE", "SHA256", "STORED");
                page.items().forEach(a -> t.row(a.id(), a.type(), a.name(), a.size(), a.sha256(), a.stored()));
                t.print(out());
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "upload",
            description = "Register an artifact and stream its content (createArtifact, uploadArtifactContent).")
    static final class Upload extends VersionCommand {
        @Parameters(index = "2", paramLabel = "FILE")
        Path file;

        @Option(names = "--type", defaultValue = "MODEL_WEIGHTS", description = "Default: ${DEFAULT-VALUE}.")
        ArtifactType type;

        @Option(names = "--name", description = "Default: the file's name.")
        String name;

        @Option(names = "--license", description = "An SPDX identifier, such as Apache-2.0.")
        String license;

        @Option(names = "--media-type")
        String mediaType;

        @Option(
                names = "--sha256",
                paramLabel = "HEX",
                description = "The digest the content must have (from a build manifest): the registry refuses"
                        + " anything else.")
        String sha256;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.USAGE, "FILE: " + file + " is not a readable file");
            }
            resolve();
            String artifactName = name != null ? name : file.getFileName().toString();
            ArtifactDto created = client.createArtifact(
                    modelId,
                    version,
                    new CreateArtifactRequest(type, artifactName, null, sha256, null, license, mediaType));
            ArtifactDto stored = client.uploadArtifactContent(
                    modelId, version, created.id(), file, mediaType, progress("upload " + artifactName));
            print(
                    stored,
                    () -> Table.fields(
                            out(),
                            "artifact",
                            stored.id(),
                            "name",
                            stored.name(),
                            "type",
                            stored.type(),
                            "size",
                            stored.size(),
                            "sha256",
                            stored.sha256() + " (checked)"));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "download",
            description = "Download an artifact's content, resuming a partial download, and check its SHA-256"
                    + " (downloadArtifactContent).")
    static final class Download extends VersionCommand {
        @Parameters(index = "2", paramLabel = "ARTIFACT", description = "The artifact's id or name.")
        String artifact;

        @Option(names = "--to", paramLabel = "PATH", description = "Where to write it (default: its name, here).")
        Path to;

        @Override
        public Integer call() {
            resolve();
            ArtifactDto a = find();
            if (!a.stored()) {
                throw new CliException(
                        ExitCodes.CONFLICT,
                        a.name() + " is not stored in the registry: it refers to " + a.uri() + " (sha256 " + a.sha256()
                                + ")");
            }
            Path target = to != null ? to : Path.of(a.name()).getFileName();
            if (Files.isDirectory(target)) {
                target = target.resolve(Path.of(a.name()).getFileName());
            }
            DownloadResult r =
                    client.downloadArtifactContent(modelId, version, a.id(), target, progress("download " + a.name()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("artifact", a.id().toString());
            result.put("file", r.file().toString());
            result.put("size", r.size());
            result.put("sha256", r.sha256());
            result.put("verified", true);
            result.put("resumedFrom", r.resumedFrom());
            print(
                    result,
                    () -> Table.fields(
                            out(),
                            "file",
                            r.file(),
                            "size",
                            r.size(),
                            "sha256",
                            r.sha256() + " (checked)",
                            "resumed",
                            r.resumedFrom() > 0 ? "from byte " + r.resumedFrom() : "no"));
            return ExitCodes.OK;
        }

        private ArtifactDto find() {
            try {
                return client.getArtifact(modelId, version, UUID.fromString(artifact));
            } catch (IllegalArgumentException byName) {
                String cursor = null;
                do {
                    Page<ArtifactDto> page = client.listArtifacts(
                            modelId, version, Query.of("limit", 200).and("cursor", cursor));
                    for (ArtifactDto a : page.items()) {
                        if (a.name().equals(artifact)) {
                            return a;
                        }
                    }
                    cursor = page.nextCursor();
                } while (cursor != null);
                throw new CliException(
                        ExitCodes.NOT_FOUND, "artifact " + artifact + " not found in " + model + " " + version);
            }
        }
    }
}
