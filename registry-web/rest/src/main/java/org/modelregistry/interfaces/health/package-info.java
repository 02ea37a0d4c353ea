/**
 * MicroProfile Health checks: {@code /health/ready} reports what the registry needs to serve.
 * {@code RegistryReadinessCheck} is the one check anyone sees (status only); {@code DatabaseReadinessCheck} (the
 * database answers, the schema is migrated) and {@code BrokerReadinessCheck} (the broker answers a browse through the
 * resource adapter, within a deadline) and {@code StorageReadinessCheck} (the artifact store's directory or bucket can
 * be used) and {@code WarmupReadinessCheck} (the warm-up of the hot paths has run: docs/performance.md, "Warm before
 * ready") give it their details, which administrators read at
 * {@code /api/v1/system/readiness}.
 */
package org.modelregistry.interfaces.health;
