/**
 * The notification REST resources: thin JAX-RS classes that parse the request, call the notification services and map
 * the answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.interfaces.rest.notification;
