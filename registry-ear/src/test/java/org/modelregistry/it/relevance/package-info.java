/**
 * The labelled relevance set of search (models of a dozen domains, paraphrase and exact-name queries with graded
 * relevant models) and the ranking metrics it is scored with (nDCG@10, recall@10), used by
 * {@code SearchRelevanceIT}.
 */
package org.modelregistry.it.relevance;
