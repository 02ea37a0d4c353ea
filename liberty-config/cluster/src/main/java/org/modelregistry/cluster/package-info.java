/**
 * The cluster member's configuration, read before the application starts: Liberty's session cache creates the
 * server's Hazelcast member from {@code registry-hazelcast.xml}, whose values {@link RegistrySettingsReplacer} takes
 * from the registry's settings ({@code registry.cluster.*} as JVM system properties or {@code REGISTRY_CLUSTER_*}
 * environment variables, as MicroProfile Config reads them).
 */
package org.modelregistry.cluster;
