package org.modelregistry.infrastructure.search;

import java.time.Instant;
import java.util.List;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * What the search index holds for a model, a version or an artifact (one index, {@code type} tells them apart). The
 * services never index entities: {@link CatalogDocuments} builds these from the database, so the index holds only
 * committed state. Versions carry their model's name, and versions and artifacts their model's group, tier, tags
 * and owners, so that one query and one set of facets cover all three (an artifact's name is its own).
 */
@SearchEntity(name = "CatalogDocument")
@Indexed(index = "catalog")
public class CatalogDocument {

    @DocumentId
    public String key;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String type;

    @KeywordField(projectable = Projectable.YES)
    public String objectId;

    @KeywordField(projectable = Projectable.YES)
    public String modelId;

    @KeywordField
    public String organizationId;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String organization;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String group;

    @FullTextField(
            analyzer = "name",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    @KeywordField(name = "name_sort", normalizer = "lowercase", sortable = Sortable.YES)
    public String name;

    @FullTextField(
            analyzer = "english",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    public String description;

    @KeywordField(aggregable = Aggregable.YES, projectable = Projectable.YES)
    @FullTextField(name = "tags_text", analyzer = "name")
    public List<String> tags;

    @KeywordField(aggregable = Aggregable.YES)
    public List<String> owners;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String riskTier;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String state;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String license;

    @KeywordField(projectable = Projectable.YES)
    @FullTextField(name = "version_text", analyzer = "name")
    public String version;

    /** Version metadata as {@code key=value} terms (lower-cased), for {@code metadata.key:value} filters. */
    @KeywordField
    public List<String> metadata;

    /** Version metadata keys and values as text, for free-text matches. */
    @FullTextField(analyzer = "english")
    public String metadataText;

    @GenericField(sortable = Sortable.YES, projectable = Projectable.YES)
    public Instant createdAt;

    /**
     * A model's sentence embedding ({@value org.modelregistry.infrastructure.search.embedding.Embedder#DIMENSION}
     * floats of unit length; null until embedded, and for versions and artifacts). Mapped as the vector field
     * {@value #VECTOR_FIELD} on the local index, and on a shared one whose cluster takes vector fields ({@link
     * SearchBackend#properties}); never projected into an answer.
     */
    public float[] embedding;

    /**
     * The index field of {@link #embedding}, compared by dot product (the vectors have unit length, so it is their
     * cosine at a third of the arithmetic). Index format 3 had it as {@code embedding}, compared by cosine: a field's
     * similarity cannot change in a Lucene index, so the new one has a name of its own.
     */
    public static final String VECTOR_FIELD = "vector";

    /** The embedding model (name@version) of {@link #embedding}: k-NN searches only vectors of the current model. */
    @KeywordField
    public String embeddingModel;

    /** The rebuild that wrote the document last: a rebuild removes the documents older than itself. */
    @GenericField
    public long generation;

    public static String key(String type, Object id) {
        return type + ":" + id;
    }
}
