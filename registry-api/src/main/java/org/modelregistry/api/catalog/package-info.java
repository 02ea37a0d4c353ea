/**
 * The catalog: models, their versions and their artifacts.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.catalog;
