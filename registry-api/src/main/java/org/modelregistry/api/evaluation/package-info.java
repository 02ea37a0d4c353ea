/**
 * Evaluation suites and the runs that apply them to versions.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.evaluation;
