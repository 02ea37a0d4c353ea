/** Deployments of versions to targets (CI/CD systems called by signed webhooks) and their reports. */
package org.modelregistry.api.deployment;
