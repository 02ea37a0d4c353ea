package org.modelregistry.infrastructure.search;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds search documents from the database (committed state only), one type at a time: by id for the changes the
 * index follows, or in id order, page by page, for a rebuild.
 */
public final class CatalogDocuments {

    static final String MODEL = "model";
    static final String VERSION = "version";
    static final String ARTIFACT = "artifact";

    /**
     * The model's fields (as its audit record's {@code changes} name them) that the documents of its versions and
     * artifacts copy ({@link #MODEL_COLUMNS}): a change to any other field rewrites the model's document alone.
     */
    static final List<String> COPIED_MODEL_FIELDS =
            List.of("organization", "group", "name", "riskTier", "tags", "owners");

    private static final String MODEL_COLUMNS = "m.id::text AS model_id, m.organization_id::text AS org_id,"
            + " o.slug, m.model_group, m.name AS model_name, m.risk_tier,"
            + " ARRAY(SELECT tag FROM model_tag t WHERE t.model_id = m.id ORDER BY ordinal) AS tags,"
            + " ARRAY(SELECT owner FROM model_owner w WHERE w.model_id = m.id ORDER BY ordinal) AS owners";

    private static final String MODELS = "SELECT " + MODEL_COLUMNS + ", m.id::text AS id, m.description,"
            + " m.created_at FROM model m JOIN organization o ON o.id = m.organization_id";

    private static final String VERSIONS = "SELECT " + MODEL_COLUMNS + ", v.id::text AS id, v.version, v.state,"
            + " v.description, v.metadata::text AS metadata, v.created_at FROM model_version v"
            + " JOIN model m ON m.id = v.model_id JOIN organization o ON o.id = m.organization_id";

    private static final String ARTIFACTS = "SELECT " + MODEL_COLUMNS + ", a.id::text AS id, a.name AS artifact_name,"
            + " a.artifact_type, a.license, v.version, a.created_at FROM artifact a"
            + " JOIN model_version v ON v.id = a.version_id JOIN model m ON m.id = a.model_id"
            + " JOIN organization o ON o.id = m.organization_id";

    private CatalogDocuments() {}

    private static String query(String type) {
        return switch (type) {
            case MODEL -> MODELS;
            case VERSION -> VERSIONS;
            case ARTIFACT -> ARTIFACTS;
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static String alias(String type) {
        return switch (type) {
            case MODEL -> "m";
            case VERSION -> "v";
            default -> "a";
        };
    }

    /**
     * The documents of several objects of one type in one statement, by key ({@link CatalogDocument#key}); an object
     * that no longer exists has none.
     */
    public static Map<String, CatalogDocument> some(Connection c, String type, Collection<UUID> ids)
            throws SQLException {
        Map<String, CatalogDocument> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(query(type) + " WHERE " + alias(type) + ".id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            read(type, ps, d -> found.put(d.key, d));
        }
        return found;
    }

    /** The documents of the versions and artifacts of a model (their copies of its fields change with it). */
    public static void ofModel(Connection c, UUID modelId, Consumer<CatalogDocument> sink) throws SQLException {
        for (String type : List.of(VERSION, ARTIFACT)) {
            try (PreparedStatement ps = c.prepareStatement(query(type) + " WHERE m.id = ?::uuid")) {
                ps.setString(1, modelId.toString());
                read(type, ps, sink);
            }
        }
    }

    /** One page of a type in id order after {@code after} (null: from the start); returns the last id, or null. */
    public static String page(Connection c, String type, String after, int limit, Consumer<CatalogDocument> sink)
            throws SQLException {
        String column = alias(type) + ".id";
        try (PreparedStatement ps =
                c.prepareStatement(query(type) + (after == null ? "" : " WHERE " + column + " > ?::uuid") + " ORDER BY "
                        + column + " LIMIT " + limit)) {
            if (after != null) {
                ps.setString(1, after);
            }
            String[] last = {null};
            read(type, ps, d -> {
                last[0] = d.objectId;
                sink.accept(d);
            });
            return last[0];
        }
    }

    private static void read(String type, PreparedStatement ps, Consumer<CatalogDocument> sink) throws SQLException {
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CatalogDocument d = new CatalogDocument();
                d.type = type;
                d.objectId = rs.getString("id");
                d.key = CatalogDocument.key(type, d.objectId);
                d.modelId = rs.getString("model_id");
                d.organizationId = rs.getString("org_id");
                d.organization = rs.getString("slug");
                d.group = rs.getString("model_group");
                d.riskTier = rs.getString("risk_tier");
                d.tags = strings(rs.getArray("tags"));
                d.owners = strings(rs.getArray("owners"));
                d.createdAt = rs.getTimestamp("created_at").toInstant();
                switch (type) {
                    case MODEL -> {
                        d.name = rs.getString("model_name");
                        d.description = rs.getString("description");
                    }
                    case VERSION -> {
                        d.name = rs.getString("model_name");
                        d.version = rs.getString("version");
                        d.state = rs.getString("state");
                        d.description = rs.getString("description");
                        metadata(d, rs.getString("metadata"));
                    }
                    default -> {
                        d.name = rs.getString("artifact_name");
                        d.license = rs.getString("license");
                        d.version = rs.getString("version");
                        d.description = rs.getString("artifact_type") + " of " + rs.getString("model_name");
                    }
                }
                sink.accept(d);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Top-level metadata keys with scalar values become {@code key=value} terms and text. */
    static void metadata(CatalogDocument d, String json) {
        List<String> terms = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (json != null && !json.isBlank()) {
            JsonObject object = Json.createReader(new StringReader(json)).readObject();
            object.forEach((key, value) -> {
                String scalar = switch (value.getValueType()) {
                    case STRING -> ((JsonString) value).getString();
                    case NUMBER, TRUE, FALSE -> value.toString();
                    default -> null;
                };
                text.append(key).append(' ');
                if (scalar != null && value != JsonValue.NULL) {
                    terms.add((key + "=" + scalar).toLowerCase(Locale.ROOT));
                    text.append(scalar).append(' ');
                }
            });
        }
        d.metadata = terms;
        d.metadataText = text.toString().trim();
    }
}
