package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.infrastructure.search.embedding.Embedder;

/**
 * The local index maps models' embeddings as a vector field compared by dot product (unit vectors: their cosine),
 * and a filter inside the k-NN search keeps other organizations' documents out before the nearest are chosen: a
 * nearer document of another organization neither appears nor takes a place among the k.
 */
class VectorFieldTest {

    @TempDir
    Path dir;

    @Test
    void theFilterAppliesInsideTheKnnSearch() {
        SearchBackend lucene =
                new SearchBackend(null, null, null, Optional.empty(), Optional.empty(), Optional.empty(), 500);
        try (CloseableSearchMapping mapping = SearchMapping.builder(
                        AnnotatedTypeSource.fromClasses(CatalogDocument.class))
                .properties(lucene.properties(dir.resolve("lucene"), true))
                .build()) {
            try (SearchSession session = mapping.createSessionWithOptions()
                    .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                    .build()) {
                session.indexingPlan().addOrUpdate(model("mine", "org-a", unit(0, 0.8f)));
                session.indexingPlan().addOrUpdate(model("theirs", "org-b", unit(0, 1f))); // nearest of all
                session.indexingPlan().addOrUpdate(model("far", "org-a", unit(5, 1f)));
            }
            float[] query = unit(0, 1f);
            try (SearchSession session = mapping.createSession()) {
                List<String> unfiltered = session.search(CatalogDocument.class)
                        .select(f -> f.field("objectId", String.class))
                        .where(f -> f.knn(1).field(CatalogDocument.VECTOR_FIELD).matching(query))
                        .fetchHits(10);
                assertThat(unfiltered).containsExactly("theirs");
                List<String> filtered = session.search(CatalogDocument.class)
                        .select(f -> f.field("objectId", String.class))
                        .where(f -> f.knn(1)
                                .field(CatalogDocument.VECTOR_FIELD)
                                .matching(query)
                                .filter(f.match().field("organizationId").matching("org-a")))
                        .fetchHits(10);
                assertThat(filtered).containsExactly("mine");
                List<Float> scores = session.search(CatalogDocument.class)
                        .select(f -> f.score())
                        .where(f -> f.knn(3).field(CatalogDocument.VECTOR_FIELD).matching(query))
                        .fetchHits(10);
                assertThat(scores.get(0))
                        .as("Lucene's dot-product score: (1 + dot) / 2")
                        .isEqualTo(1f);
            }
        }
    }

    private static CatalogDocument model(String id, String organization, float[] vector) {
        CatalogDocument d = new CatalogDocument();
        d.type = "model";
        d.objectId = id;
        d.key = CatalogDocument.key("model", id);
        d.modelId = id;
        d.organizationId = organization;
        d.name = id;
        d.createdAt = Instant.EPOCH;
        d.embedding = vector;
        d.embeddingModel = "test";
        return d;
    }

    /** A normalized vector leaning towards one axis. */
    private static float[] unit(int axis, float weight) {
        float[] v = new float[Embedder.DIMENSION];
        v[axis] = weight;
        v[(axis + 1) % v.length] = (float) Math.sqrt(1 - weight * weight);
        return v;
    }
}
