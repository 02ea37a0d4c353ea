/**
 * The governance application services: the EJBs that own transactions for the version lifecycle, review rounds and
 * their snapshots, approvals (four eyes, counted against the risk tier), each reviewer's queue, aliases and evidence
 * bundles.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, audit.
 */
package org.modelregistry.application.governance;
