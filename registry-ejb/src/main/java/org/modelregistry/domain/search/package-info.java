/**
 * The search domain. Search owns no entity of its own: the index is a projection of the catalog built from the audit
 * log ({@code infrastructure.search}), and a query's rules ({@code SearchSpec}) are written in Lucene's terms there.
 * What this package holds are the rules of discovery: {@link org.modelregistry.domain.search.Recommendations} (who
 * may be suggested as a reviewer, how suggestions are weighed and explained) and the sources it reads them from.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.domain.search;
