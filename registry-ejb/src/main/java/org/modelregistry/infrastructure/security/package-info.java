/**
 * Keys kept outside the database, and sign-in throttling.
 *
 * <ul>
 *   <li>{@code SigningKeys}: the registry's token signing key, generated on first start into the data directory,
 *       published as a JWKS; {@code TrustedKeys}: the keys Liberty verifies tokens with (the registry's, plus an
 *       OpenID Connect provider's JWKS when configured).
 *   <li>{@code IdTokens} and {@code ProviderTokenEndpoint}: the console's single sign-on, the code exchanged at the
 *       provider's token endpoint and its ID token checked with the provider's keys ({@code SingleSignOnRefusal}
 *       says which step failed, without a token or a code).
 *   <li>{@code SecretKeys} and {@link org.modelregistry.infrastructure.security.SecretBox}: the key that encrypts
 *       secrets at rest (target tokens, webhook secrets) and the AES-256-GCM encryption bound to table, column and
 *       row; {@code KeyFiles}: key files readable by their owner only.
 *   <li>{@code LoginThrottle}: failed sign-ins per user name and address, charged before any password is hashed;
 *       {@code Throttle}: bounded per-key state in memory (hashed keys, least recently used forgotten first), also
 *       used by the REST layer's rate limits.
 * </ul>
 */
package org.modelregistry.infrastructure.security;
