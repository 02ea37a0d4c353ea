package org.modelregistry.interfaces.mlflow;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelregistry.api.catalog.ArtifactContent;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.common.Page;
import org.modelregistry.infrastructure.config.ApiSettings;

/**
 * MLflow's artifact proxy ({@code mlflow-artifacts/artifacts/<path>}) over the registry's own content store: a path is
 * {@code <group>/<model>/<version>/<file>}, the file being an artifact of that version (a flat name: the registry's
 * artifacts have no folders). An upload creates the artifact and streams its content into the store, which hashes it
 * on the way in and stores nothing when a digest the client declared ({@code Content-Digest} or {@code Repr-Digest},
 * {@code sha-256}) differs; the version must be a DRAFT the caller may change, as for any upload.
 */
@RequestScoped
public class MlflowArtifacts {

    static final String SCHEME = "mlflow-artifacts:/";
    private static final Pattern SHA256_DIGEST =
            Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/]{43}=):\\s*(?:,|$)");

    @EJB
    ArtifactService artifacts;

    @Inject
    MlflowCatalog catalog;

    @Inject
    ApiSettings api;

    /** Where a version's files are, as MLflow's {@code get-download-uri} gives it. */
    static String uri(ModelDto model, ModelVersionDto v) {
        return SCHEME + model.group() + "/" + model.name() + "/" + MlflowNames.mlflowVersion(v.version());
    }

    /** A parsed artifact path: the version it names, and a file (null for the version's folder). */
    record Location(ModelDto model, ModelVersionDto version, String file) {}

    /** The files of a version (path {@code <group>/<model>/<version>}), or the versions of a model as folders. */
    public JsonObject list(String path) {
        List<String> segments = ArtifactPaths.segments(path == null ? "" : path);
        JsonArrayBuilder files = Json.createArrayBuilder();
        if (segments.size() == 2) {
            ModelDto model = model(segments);
            for (ModelVersionDto v : catalog.versionsOf(model.id())) {
                files.add(Json.createObjectBuilder()
                        .add("path", MlflowNames.mlflowVersion(v.version()))
                        .add("is_dir", true));
            }
        } else if (segments.size() == 3) {
            Location at = locate(segments, false);
            for (ArtifactDto a : all(at)) {
                var file = Json.createObjectBuilder().add("path", a.name()).add("is_dir", false);
                if (a.stored() && a.size() != null) {
                    file.add("file_size", a.size());
                }
                files.add(file);
            }
        } else {
            throw MlflowException.invalid(
                    "List a path <group>/<model> or <group>/<model>/<version>, not '" + Shown.of(path) + "'");
        }
        return Json.createObjectBuilder().add("files", files).build();
    }

    /** Streams an upload into the store as the file's content, checking a declared digest. */
    public void upload(String path, InputStream content, String contentType, Long declaredBytes, String digestHeader) {
        String declared = sha256Of(digestHeader);
        Location at = locate(ArtifactPaths.segments(path), true);
        Optional<ArtifactDto> existing = find(at);
        ArtifactDto artifact;
        if (existing.isPresent()) {
            artifact = existing.get();
            if (declared != null && artifact.sha256() != null && !declared.equals(artifact.sha256())) {
                throw MlflowException.invalid(
                        "The declared sha-256 differs from the one artifact " + artifact.name() + " was declared with");
            }
        } else {
            artifact = artifacts.create(
                    at.model().id(),
                    at.version().version(),
                    new CreateArtifactRequest(ArtifactType.OTHER, at.file(), null, declared, null, null, null));
        }
        artifacts.storeContent(
                at.model().id(), at.version().version(), artifact.id(), content, mediaType(contentType), declaredBytes);
    }

    /** The stored content of a file. */
    public ArtifactContent download(String path) {
        Location at = locate(ArtifactPaths.segments(path), true);
        ArtifactDto artifact = find(at).orElseThrow(() -> MlflowException.notFound("No artifact at " + Shown.of(path)));
        return artifacts.content(at.model().id(), at.version().version(), artifact.id());
    }

    private Location locate(List<String> segments, boolean file) {
        if (segments.size() != (file ? 4 : 3)) {
            throw MlflowException.invalid(
                    file
                            ? "An artifact path is <group>/<model>/<version>/<file>"
                            : "A version's path is <group>/<model>/<version>");
        }
        ModelDto model = model(segments);
        ModelVersionDto version = catalog.version(model, segments.get(2));
        return new Location(model, version, file ? segments.get(3) : null);
    }

    private ModelDto model(List<String> segments) {
        String group = segments.get(0);
        String name = segments.get(1);
        return catalog.find(group, name)
                .orElseThrow(() -> MlflowException.notFound(
                        "Registered Model " + Shown.of(group) + "/" + Shown.of(name) + " not found"));
    }

    private Optional<ArtifactDto> find(Location at) {
        return all(at).stream().filter(a -> a.name().equals(at.file())).findFirst();
    }

    private List<ArtifactDto> all(Location at) {
        List<ArtifactDto> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ArtifactDto> page =
                    artifacts.list(at.model().id(), at.version().version(), api.maxPageSize(), cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The hex sha-256 an RFC 9530 digest header declares, null without one. */
    static String sha256Of(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher m = SHA256_DIGEST.matcher(header);
        if (!m.find()) {
            throw MlflowException.invalid("Content-Digest must declare sha-256 as an RFC 9530 byte sequence:"
                    + " sha-256=:<base64 of the 32-byte digest>:");
        }
        return HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1)));
    }

    /** The RFC 9530 header of a stored file's digest, which a client can check what it downloaded against. */
    static String reprDigest(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.equals("application/octet-stream") ? null : type;
    }
}
