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
                        license = @License(name = "Apache-2.0")),
        tags = {
            @Tag(name = "Models", description = "Registered models"),
            @Tag(name = "Versions", description = "Semantic versions of a model"),
            @Tag(name = "Artifacts", description = "Files of a version and their content"),
            @Tag(name = "System", description = "Liveness of the API itself")
        })
public class RegistryApplication extends Application {}
