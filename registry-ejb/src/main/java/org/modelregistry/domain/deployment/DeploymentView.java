package org.modelregistry.domain.deployment;

/** A deployment with the names it is shown with: its version's and its target's. */
public record DeploymentView(Deployment deployment, String version, String target) {}
