/**
 * Checks of the deployment files in {@code docker/}: the Dockerfile and its ignore file against what the Maven build
 * makes, the compose file and nginx.conf against each other, and the Kubernetes manifests against each other and
 * against the settings the registry reads ({@code docs/configuration.md}). Nothing here runs a container: there is
 * no Docker engine or Kubernetes cluster on the build machines, so the files are parsed and their references
 * followed.
 */
package org.modelregistry.deploy;
