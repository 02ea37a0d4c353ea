/**
 * The evaluation suites tab of {@code admin.xhtml}: the named sets of checks versions are evaluated with, defined by
 * administrators and reviewers.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.web.evaluation;
