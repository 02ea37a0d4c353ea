package org.modelregistry.api.common;

/** One member of the cluster as this server sees it: its id, address, whether it is this server, its version. */
public record ClusterMemberInfo(String uuid, String address, boolean local, String version) {}
