/**
 * Sentence embeddings computed inside the registry, offline: the model that ships in a Maven Central jar
 * ({@link Embedder}), the text each model is embedded from ({@link EmbeddingText}), the vectors kept in the database
 * so that a cluster embeds each text once ({@link EmbeddingStore}). The background work that loads the model and
 * embeds what changed after commit is the search index's {@code SemanticIndex}.
 */
package org.modelregistry.infrastructure.search.embedding;
