/**
 * Keys kept outside the database: the registry's token signing key (generated on first start into the data
 * directory, published as a JWKS) and the key that encrypts secrets at rest ({@link
 * org.modelregistry.infrastructure.security.SecretBox}); sign-in throttling.
 */
package org.modelregistry.infrastructure.security;
