/**
 * The catalog aggregate: models, their versions and artifacts, with the rules that keep them valid (names, semantic
 * versions, SPDX licences, digests) and frozen once reviewed.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): identity, governance, policy, audit,
 * evaluation, deployment, search.
 */
package org.modelregistry.domain.catalog;
