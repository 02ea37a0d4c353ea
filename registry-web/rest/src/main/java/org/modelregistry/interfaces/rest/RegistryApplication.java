package org.modelregistry.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API's root; every resource path starts with its version ({@code /api/v1/...}). */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "model-registry")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "AI Model Registry API",
                        version = "1.0",
                        description =
                                "Register machine-learning models, their versions and artifacts, and govern them from"
                                        + " draft to retirement. Errors are RFC 9457 application/problem+json documents that name"
                                        + " the offending fields.",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
            @Tag(
                    name = "Authentication",
                    description =
                            "Access tokens (for users and service-account API keys) and the keys that verify them"),
            @Tag(name = "Models", description = "Registered models, their aliases and similar models"),
            @Tag(
                    name = "Versions",
                    description =
                            "Semantic versions of a model: lifecycle transitions, approvals, evaluations, policy checks, evidence and deployments of one version"),
            @Tag(name = "Artifacts", description = "Files of a version and their content"),
            @Tag(name = "Policies", description = "Governance policies (CEL expressions) and their revisions"),
            @Tag(name = "Evaluations", description = "Evaluation suites that versions are run against"),
            @Tag(name = "Deployments", description = "Deployment targets, deployments and their status reports"),
            @Tag(name = "Notifications", description = "Webhooks and their deliveries"),
            @Tag(name = "Search", description = "Full-text and faceted search of the catalog, and its index"),
            @Tag(name = "Audit", description = "The hash-chained audit log, its checkpoints and archives"),
            @Tag(name = "Users", description = "Users, organizations and service accounts (administrators only)"),
            @Tag(name = "System", description = "Liveness, readiness details, the cluster and benchmark helpers")
        })
public class RegistryApplication extends Application {}
