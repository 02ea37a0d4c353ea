/** A single OpenSearch node for the integration tests and the benchmark of the search on OpenSearch. */
package org.modelregistry.opensearch;
