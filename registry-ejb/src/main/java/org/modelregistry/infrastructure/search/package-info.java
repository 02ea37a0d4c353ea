/**
 * Full-text and faceted search: Hibernate Search (standalone POJO mapper) over a Lucene index in the data directory,
 * or one shared Elasticsearch/OpenSearch index ({@link org.modelregistry.infrastructure.search.SearchBackend}).
 * {@link org.modelregistry.infrastructure.search.SearchIndex} is the façade and the EJB whose timers run the parts:
 * {@code IndexFollower} applies the audit log, {@code IndexState} keeps the position, generation and format,
 * {@code IndexRebuild} re-reads everything, {@code IndexWarmer} prepares new segments with the recent searches and
 * {@code SearchMetrics} publishes what {@link org.modelregistry.infrastructure.search.SegmentSearcher} keeps. The
 * documents are {@link org.modelregistry.infrastructure.search.CatalogDocument}, read by {@code CatalogDocuments}.
 */
package org.modelregistry.infrastructure.search;
