/**
 * What every application service shares and no context owns: JSON text, cursors for keyset pagination and the
 * metadata of the current request.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.application.shared;
