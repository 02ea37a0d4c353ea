/**
 * The embedded defaults: what the README's run command starts beside Liberty so that a fresh machine with only a
 * JDK needs nothing installed by hand. Tests use the same launcher with a throw-away data directory.
 *
 * <ul>
 *   <li>{@code EmbeddedServices}: the launcher ({@code run}, and {@code start}, {@code await}, {@code stop} for the
 *       integration tests); it gives Liberty the connection settings in its environment and stops everything
 *       together.
 *   <li>{@code EmbeddedDatabase}: PostgreSQL from zonky's binaries on 127.0.0.1, durable, SCRAM-SHA-256 for every
 *       connection, roles {@code registry} (schema owner) and {@code registry_app} (the application); the
 *       postmaster runs as the launcher's child.
 *   <li>{@code EmbeddedBroker}: ActiveMQ Artemis on 127.0.0.1 with a persistent journal; sign-in required, one user
 *       {@code registry}.
 *   <li>{@code Supervisor}: restarts a service that stopped on its own (a killed postmaster, a stopped broker),
 *       with back-off.
 *   <li>{@code Secrets}: the generated passwords, one file each in {@code <data dir>/keys/} (mode 600).
 * </ul>
 *
 * <p>Never part of the EAR: it runs on its own class path (liberty-config/bin/registry, the build's exec).
 */
package org.modelregistry.embedded;
