/**
 * The catalog: models, their versions and their artifacts.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): identity, governance, policy, audit,
 * evaluation, deployment, search.
 */
package org.modelregistry.api.catalog;
