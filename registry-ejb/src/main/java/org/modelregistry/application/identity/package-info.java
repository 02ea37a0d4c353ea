/**
 * The identity application services: the EJBs that own transactions for users, organizations' memberships and roles,
 * service accounts and their keys, sign-in and tokens, secrets kept at rest.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, audit.
 */
package org.modelregistry.application.identity;
