/**
 * Full-text and faceted search: Hibernate Search (standalone POJO mapper) over a Lucene index in the data directory.
 */
package org.modelregistry.infrastructure.search;
