package org.modelregistry.interfaces.rest.openapi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated document so that clients can be generated from it (registered as {@code mp.openapi.filter}):
 * the bearer-JWT scheme, applied to every operation but those marked {@link #PUBLIC}; one {@code Problem} schema for
 * every error answer of the registry's own API; and the error answers that come from the layers every request
 * crosses (JWT, roles, rate limit, body limit, JSON reading, path ids, If-Match), which no resource method sees and so
 * none annotates. Answers a resource documents itself keep their description and get the problem schema.
 * {@code OpenApiDocumentIT} checks the result against the server's real answers.
 */
public class ApiDocumentFilter implements OASFilter {

    /** An operation extension ({@code @Extension(name = PUBLIC, value = "true")}): callable without a token. */
    public static final String PUBLIC = "x-registry-public";

    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** The registry's own API; other APIs served beside it (MLflow's) have error shapes of their own. */
    private static final String OWN_API = "/api/v1/";

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}");

    /** The shared error answers, by status: component name and description. */
    private enum Shared {
        BAD_REQUEST(
                "400",
                "BadRequest",
                "The request cannot be read: malformed JSON, a body that is not a JSON object, a malformed cursor,"
                        + " query value, header or percent-encoding"),
        UNAUTHORIZED(
                "401",
                "Unauthorized",
                "No bearer token, or one the server refuses (malformed, expired, signed by an unknown key, wrong"
                        + " issuer or audience): Liberty's JWT layer answers before the application, with"
                        + " 'WWW-Authenticate: Bearer' (error=\"invalid_token\" for a refused token), and its body may"
                        + " be empty"),
        FORBIDDEN("403", "Forbidden", "The token's roles (or its ownership of the resource) do not allow this"),
        NOT_FOUND("404", "NotFound", "Nothing at this path: an unknown id, or one that is not a UUID"),
        NOT_ACCEPTABLE("406", "NotAcceptable", "The Accept header excludes every representation of the answer"),
        PRECONDITION_FAILED(
                "412",
                "PreconditionFailed",
                "If-Match names a stale revision (extension currentRevision) or is not one of the registry's ETags"),
        PAYLOAD_TOO_LARGE("413", "PayloadTooLarge", "The body exceeds the configured limit (extension maxBytes)"),
        UNSUPPORTED_MEDIA_TYPE("415", "UnsupportedMediaType", "The Content-Type is not one this operation takes"),
        INVALID_INPUT(
                "422",
                "InvalidInput",
                "Well-formed input that breaks a rule; errors names every offending field, path or query"
                        + " parameter, or header"),
        TOO_MANY_REQUESTS(
                "429",
                "TooManyRequests",
                "The caller's rate limit is spent: retry after Retry-After seconds (extension retryAfterSeconds)"),
        SERVER_ERROR(
                "5XX",
                "ServerError",
                "500: an unexpected failure (the detail names the request id to report); 503: the database cannot"
                        + " be reached, retry after Retry-After seconds");

        final String status;
        final String component;
        final String description;

        Shared(String status, String component, String description) {
            this.status = status;
            this.component = component;
            this.description = description;
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(BEARER, bearerScheme());
        components.addSchema(PROBLEM, problemSchema());
        openAPI.setSecurity(
                new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        // only the shared answers some operation refers to become components (an unused one is a lint warning)
        Set<Shared> used = EnumSet.noneOf(Shared.class);
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(OWN_API) || path.getValue().getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                complete(path.getKey(), path.getValue(), operation, used);
            }
        }
        for (Shared shared : used) {
            components.addResponse(shared.component, sharedResponse(shared));
        }
    }

    private static void complete(String path, PathItem item, Operation operation, Set<Shared> used) {
        boolean isPublic =
                operation.getExtensions() != null && operation.getExtensions().containsKey(PUBLIC);
        if (isPublic) {
            operation.removeExtension(PUBLIC);
            // an empty list, not null: null would inherit the document's bearer requirement
            operation.setSecurity(new ArrayList<>());
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
            if (isProblemStatus(answer.getKey()) && answer.getValue().getRef() == null) {
                answer.getValue().setContent(problemContent());
            }
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean takesJson = hasBody
                && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes().keySet().stream()
                        .anyMatch(type -> type.contains("json"));
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean takesIfMatch = parameters.stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));

        share(responses, Shared.BAD_REQUEST, used);
        if (!isPublic) {
            share(responses, Shared.UNAUTHORIZED, used);
            share(responses, Shared.FORBIDDEN, used);
            share(responses, Shared.TOO_MANY_REQUESTS, used);
        }
        if (PATH_PARAMETER.matcher(path).find()) {
            share(responses, Shared.NOT_FOUND, used);
        }
        share(responses, Shared.NOT_ACCEPTABLE, used);
        if (takesIfMatch) {
            share(responses, Shared.PRECONDITION_FAILED, used);
        }
        if (hasBody) {
            share(responses, Shared.PAYLOAD_TOO_LARGE, used);
        }
        if (takesJson) {
            share(responses, Shared.UNSUPPORTED_MEDIA_TYPE, used);
        }
        // every parameter is validated, path parameters too (an audit month that is not YYYY-MM)
        if (takesJson || !parameters.isEmpty()) {
            share(responses, Shared.INVALID_INPUT, used);
        }
        share(responses, Shared.SERVER_ERROR, used);
    }

    /** 4xx and 5xx answers are problem documents, except 416 (no body, a Content-Range header: RFC 9110). */
    private static boolean isProblemStatus(String status) {
        return (status.startsWith("4") || status.startsWith("5")) && !status.equals("416");
    }

    private static void share(APIResponses responses, Shared shared, Set<Shared> used) {
        if (!responses.hasAPIResponse(shared.status)) {
            used.add(shared);
            responses.addAPIResponse(
                    shared.status, OASFactory.createAPIResponse().ref("#/components/responses/" + shared.component));
        }
    }

    private static APIResponse sharedResponse(Shared shared) {
        APIResponse response =
                OASFactory.createAPIResponse().description(shared.description).content(problemContent());
        if (shared == Shared.TOO_MANY_REQUESTS || shared == Shared.SERVER_ERROR) {
            response.addHeader("Retry-After", integerHeader("Seconds to wait before retrying"));
        }
        if (shared == Shared.UNAUTHORIZED) {
            response.addHeader(
                    "WWW-Authenticate",
                    OASFactory.createHeader()
                            .description("Bearer, with error=\"invalid_token\" when a token was refused")
                            .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
        }
        return response;
    }

    private static Header integerHeader(String description) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER));
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        PROBLEM_MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
    }

    private static SecurityScheme bearerScheme() {
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(
                        "An RS256 JWT sent as 'Authorization: Bearer <token>'. Get one from POST /api/v1/auth/token"
                                + " (operation issueToken): a user sends {\"username\", \"password\"}; a service account"
                                + " exchanges its API key, sent as {\"apiKey\"} (keys come from createServiceAccount, shown"
                                + " once). The answer's access_token is the bearer token until expires_in seconds have"
                                + " passed. Tokens of a configured OpenID Connect provider are accepted too.");
    }

    /** RFC 9457 section 3, with the registry's members (docs/api-errors.md); extensions vary by type. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .addRequired("field")
                .addRequired("message")
                .addProperty(
                        "field",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.STRING)
                                .description("A body member (tags[2]), a query parameter, a header or 'body'"))
                .addProperty("message", text);
        return OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document; members beyond these are extensions of its type")
                .addRequired("type")
                .addRequired("title")
                .addRequired("status")
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.STRING)
                                .format("uri-reference")
                                .description("https://model-registry.dev/problems/<name>, or about:blank"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                        "requestId",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.STRING)
                                .description("The X-Request-Id of the answer, to find its log line"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(fieldError))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }
}
