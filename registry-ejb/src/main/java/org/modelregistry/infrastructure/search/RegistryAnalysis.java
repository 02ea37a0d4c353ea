package org.modelregistry.infrastructure.search;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Analyzers of the index: {@code english} (stemming, stop words) for descriptions and metadata, {@code name} for
 * names, tags and versions (split on punctuation, lower-cased, accents folded, no stemming: "fraud-detector" matches
 * "fraud" and "detector"), and the {@code lowercase} normalizer for sorting by name.
 */
public class RegistryAnalysis implements LuceneAnalysisConfigurer {

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer("english")
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("stop")
                .tokenFilter("porterStem");
        context.analyzer("name")
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
        context.normalizer("lowercase").custom().tokenFilter("lowercase").tokenFilter("asciiFolding");
    }
}
