/**
 * The console's search: the global search box's results page, with the search API's facets, highlights and similar
 * models.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.web.search;
