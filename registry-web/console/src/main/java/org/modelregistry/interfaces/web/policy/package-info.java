/**
 * The policy pages: the list of policies, the editor of one (its CEL expression checked by the policy service, an
 * error shown at its line and column), its revisions, and a dry run of the policies against a version.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.interfaces.web.policy;
