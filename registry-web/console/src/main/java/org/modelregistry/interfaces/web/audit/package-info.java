/**
 * The audit pages: the audit log (filtered, keyset-paged), the verification of its hash chain and its signed
 * checkpoints, and the download of a version's evidence bundle, for auditors and registry administrators.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): governance.
 */
package org.modelregistry.interfaces.web.audit;
