package org.modelregistry.interfaces.rest.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.identity.AuthService;
import org.modelregistry.api.identity.TokenRequest;
import org.modelregistry.api.identity.TokenResponse;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.openapi.ApiDocumentFilter;

/** {@code /api/v1/auth}: access tokens for users, and the keys that verify them. */
@PermitAll
@Path("/v1/auth")
@Tag(name = "Authentication")
public class AuthResource {

    @EJB
    AuthService auth;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "issueToken",
            extensions = @Extension(name = ApiDocumentFilter.PUBLIC, value = "true"),
            summary = "Get an access token",
            description = "Exchanges a user name and password, or a service account's API key, for an RS256 JWT"
                    + " to send as 'Authorization: Bearer <token>' (security scheme bearerAuth).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = TokenRequest.class),
                            examples = {
                                @ExampleObject(name = "user", value = "{\"username\":\"admin\",\"password\":\"...\"}"),
                                @ExampleObject(
                                        name = "serviceAccount",
                                        summary = "A service account exchanges its API key",
                                        value = "{\"apiKey\":\"...\"}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(
            responseCode = "401",
            description = "Wrong credentials",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Missing fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "429",
            description = "Too many failed sign-ins for this user or address",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response token(JsonStructure body, @Context HttpServletRequest request) {
        TokenResponse token = auth.issueToken(TokenRequest.fromJson(Http.requireBody(body)), request.getRemoteAddr());
        // tokens must not be cached by anyone (RFC 6749 section 5.1)
        return Response.ok(token)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getJwks",
            extensions = @Extension(name = ApiDocumentFilter.PUBLIC, value = "true"),
            summary = "The public keys that verify the registry's tokens (JWKS, RFC 7517)")
    @APIResponse(responseCode = "200", description = "The key set")
    public Response jwks() {
        return Response.ok(auth.jwks())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("trusted-keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getTrustedKeys",
            extensions = @Extension(name = ApiDocumentFilter.PUBLIC, value = "true"),
            summary = "Every public key the registry accepts tokens from: its own and a configured identity"
                    + " provider's (what Liberty verifies tokens with)")
    @APIResponse(responseCode = "200", description = "The key set")
    public Response trustedKeys() {
        return Response.ok(auth.trustedKeys())
                .header("Cache-Control", "no-cache")
                .build();
    }

    @GET
    @Path("signing-key.pem")
    @Produces("application/x-pem-file")
    @Operation(
            operationId = "getSigningKeyPem",
            extensions = @Extension(name = ApiDocumentFilter.PUBLIC, value = "true"),
            summary = "The registry's public signing key as PEM, for checks with standard tools (openssl)")
    @APIResponse(responseCode = "200", description = "The key")
    public Response signingKeyPem() {
        return Response.ok(auth.signingKeyPem())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
