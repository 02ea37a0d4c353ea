package org.modelregistry.api.search;

import java.util.List;

/**
 * Why a hit matched: the words of the query found in it (lower case, as highlighted; empty when it matched by meaning
 * only) and its semantic score, the cosine similarity of its model's sentence embedding with the query's (or with the
 * model asked about, for similar models), -1 to 1; null when it did not match by meaning. Vectors are never returned.
 */
public record SearchMatchDto(List<String> words, Float semanticScore) {}
