/** Typed access to the application's MicroProfile Config settings. */
package org.modelregistry.infrastructure.config;
