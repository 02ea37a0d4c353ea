/**
 * The catalog application services: the EJBs that own transactions for models, their versions and artifacts, artifact
 * content and organizations' storage quotas.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): identity, audit.
 */
package org.modelregistry.application.catalog;
