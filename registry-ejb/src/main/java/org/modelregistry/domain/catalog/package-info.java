/**
 * The catalog aggregate: models, their versions and artifacts, with the rules that keep them valid (names, semantic
 * versions, SPDX licences, digests) and frozen once reviewed.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): identity, governance.
 */
package org.modelregistry.domain.catalog;
