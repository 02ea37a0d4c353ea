package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST .../artifacts}. Either {@code uri} names where the content lives (with its declared
 * sha256 and size), or it is left out and the content is uploaded afterwards with {@code PUT .../content};
 * a declared sha256 is then checked against the upload.
 */
public record CreateArtifactRequest(
        ArtifactType type, String name, String uri, String sha256, Long size, String license, String mediaType) {

    public static final Set<String> FIELDS = Set.of("type", "name", "uri", "sha256", "size", "license", "mediaType");

    /** Reads a request body, naming every field of the wrong type (422). */
    public static CreateArtifactRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateArtifactRequest request = new CreateArtifactRequest(
                json.enumValue("type", ArtifactType.class),
                json.string("name"),
                json.string("uri"),
                json.string("sha256"),
                json.longValue("size"),
                json.string("license"),
                json.string("mediaType"));
        json.done();
        return request;
    }
}
