/**
 * The search domain. It holds no class: search owns no entity of its own. The index is a projection of the catalog
 * built from the audit log ({@code infrastructure.search}), and a query's rules ({@code SearchSpec}) are written in
 * Lucene's terms there. The package keeps the context map the same shape in every module.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.domain.search;
