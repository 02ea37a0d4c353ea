package org.modelregistry.infrastructure.search.embedding;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The vectors of models in the table {@code search_embedding} (db/V33), shared by the servers of a cluster and kept
 * across restarts, and the texts they are embedded from, read from the committed rows.
 */
public final class EmbeddingStore {

    private static final String SOURCES = "SELECT m.id::text, m.name, m.model_group, m.description,"
            + " ARRAY(SELECT tag FROM model_tag t WHERE t.model_id = m.id ORDER BY ordinal) AS tags,"
            + " ARRAY(SELECT v.metadata::text FROM model_version v WHERE v.model_id = m.id"
            + " AND v.metadata <> '{}'::jsonb ORDER BY v.created_at, v.id) AS metadata,"
            + " e.text_sha256, e.vector,"
            + " (SELECT a.sha256 FROM artifact a JOIN model_version v ON v.id = a.version_id WHERE a.model_id = m.id"
            + " AND a.artifact_type = 'MODEL_CARD' AND a.stored ORDER BY v.created_at DESC, a.created_at DESC"
            + " LIMIT 1) AS card FROM model m"
            + " LEFT JOIN search_embedding e ON e.model_id = m.id AND e.model_name = ?"
            + " WHERE m.id = ANY (?::uuid[])";

    private static final String STORE = "INSERT INTO search_embedding (model_id, model_name, text_sha256, vector)"
            + " SELECT id, ?, ?, ? FROM model WHERE id = ?::uuid"
            + " ON CONFLICT (model_id, model_name) DO UPDATE SET text_sha256 = excluded.text_sha256,"
            + " vector = excluded.vector, embedded_at = now()";

    private EmbeddingStore() {}

    /** A model's text now, and the vector stored for it with this embedding model (null: none, or of an older text). */
    public record Source(UUID modelId, EmbeddingText text, float[] vector) {

        public boolean current() {
            return vector != null;
        }
    }

    /** The texts of these models (those that still exist), with their current vectors where stored. */
    public static Map<UUID, Source> sources(Connection c, Collection<UUID> modelIds, String model) throws SQLException {
        Map<UUID, Source> found = new LinkedHashMap<>();
        if (modelIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(SOURCES)) {
            ps.setString(1, model);
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text", modelIds.stream().map(UUID::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = UUID.fromString(rs.getString(1));
                    EmbeddingText text = EmbeddingText.of(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            strings(rs.getArray(5)),
                            strings(rs.getArray(6)),
                            rs.getString(9));
                    float[] vector = text.sha256().equals(rs.getString(7)) ? floats(rs.getArray(8)) : null;
                    found.put(id, new Source(id, text, vector));
                }
            }
        }
        return found;
    }

    /**
     * Stores vectors of models embedded with this embedding model (a model deleted meanwhile is skipped), each under
     * the hash of the text it came from.
     */
    public static void store(Connection c, String model, Map<Source, float[]> vectors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STORE)) {
            for (Map.Entry<Source, float[]> e : vectors.entrySet()) {
                Float[] boxed = new Float[e.getValue().length];
                for (int i = 0; i < boxed.length; i++) {
                    boxed[i] = e.getValue()[i];
                }
                ps.setString(1, model);
                ps.setString(2, e.getKey().text().sha256());
                ps.setArray(3, c.createArrayOf("float4", boxed));
                ps.setString(4, e.getKey().modelId().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored vector of one model with this embedding model, whatever text it was embedded from (or null). */
    public static float[] vector(Connection c, UUID modelId, String model) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT vector FROM search_embedding WHERE model_id = ?::uuid AND model_name = ?")) {
            ps.setString(1, modelId.toString());
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? floats(rs.getArray(1)) : null;
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static float[] floats(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) values[i]).floatValue();
        }
        return v;
    }
}
