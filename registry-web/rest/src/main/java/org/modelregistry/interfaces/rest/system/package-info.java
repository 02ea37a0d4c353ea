/**
 * The API's own state, not a bounded context: ping, the administrators' readiness report, and the benchmark seed.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.interfaces.rest.system;
