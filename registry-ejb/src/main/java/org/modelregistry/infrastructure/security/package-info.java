/** The registry's token signing key: generated on first start into the data directory, published as a JWKS. */
package org.modelregistry.infrastructure.security;
