/** Deployment targets' calls: payload formats of CI/CD systems, signatures, per-target circuit breakers. */
package org.modelregistry.domain.deployment;
