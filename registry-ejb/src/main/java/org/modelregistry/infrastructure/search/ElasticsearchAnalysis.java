package org.modelregistry.infrastructure.search;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/** The analyzers of {@link RegistryAnalysis}, for the Elasticsearch/OpenSearch backend. */
public class ElasticsearchAnalysis implements ElasticsearchAnalysisConfigurer {

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.analyzer("english")
                .custom()
                .tokenizer("standard")
                .tokenFilters("lowercase", "asciifolding", "stop", "porter_stem");
        context.analyzer("name").custom().tokenizer("standard").tokenFilters("lowercase", "asciifolding");
        context.normalizer("lowercase").custom().tokenFilters("lowercase", "asciifolding");
    }
}
