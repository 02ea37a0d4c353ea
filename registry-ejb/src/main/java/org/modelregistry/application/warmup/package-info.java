/**
 * The warm-up before readiness: at start the server runs its own hot paths (registration, version, evaluation run
 * and their audit records in transactions that roll back; catalog reads and searches on what exists; the broker's
 * client; the REST stack through loopback requests that change nothing) so that the JIT compiles them before
 * {@code /health/ready} says UP and users arrive ({@link org.modelregistry.application.warmup.Warmup}, settings in
 * {@link org.modelregistry.application.warmup.WarmupSettings}, docs/performance.md "Warm before ready"). It uses the
 * contexts' services as any caller would, through their interfaces.
 */
package org.modelregistry.application.warmup;
