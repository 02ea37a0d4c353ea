package org.modelregistry.domain.deployment;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelregistry.api.problem.BadRequestException;

/**
 * Reads a verified CI event into a {@link CiEvent}: which delivery, which deployment (the id the registry sent with
 * the deployment, carried by the run), and which state. Where each system carries the deployment id:
 * <ul>
 * <li>GitHub {@code workflow_run}: in {@code workflow_run.display_title} (the workflow's {@code run-name}, e.g.
 * {@code "Deploy ${{ github.event.client_payload.deployment }}"}). {@code requested}/{@code in_progress} are
 * IN_PROGRESS; {@code completed} is SUCCEEDED for the conclusion {@code success}, FAILED for {@code failure},
 * {@code cancelled}, {@code timed_out}, {@code startup_failure}; other conclusions are ignored.</li>
 * <li>GitHub {@code deployment_status}: in {@code deployment.payload.registryDeployment}. {@code queued},
 * {@code pending}, {@code in_progress} are IN_PROGRESS, {@code success} SUCCEEDED, {@code failure}/{@code error}
 * FAILED; {@code inactive} is ignored.</li>
 * <li>GitLab pipeline events: the pipeline variable {@code REGISTRY_DEPLOYMENT} (the registry's trigger sets it) in
 * {@code object_attributes.variables}. {@code created}, {@code waiting_for_resource}, {@code preparing},
 * {@code pending}, {@code running} are IN_PROGRESS, {@code success} SUCCEEDED, {@code failed}/{@code canceled}
 * FAILED; {@code skipped}, {@code manual}, {@code scheduled} are ignored.</li>
 * <li>Jenkins (the Notification plugin's JSON): the build parameter {@code REGISTRY_DEPLOYMENT} in
 * {@code build.parameters}. {@code QUEUED}/{@code STARTED} are IN_PROGRESS; {@code COMPLETED}/{@code FINALIZED}
 * are SUCCEEDED for {@code SUCCESS}, FAILED for {@code FAILURE}, {@code ABORTED}, {@code UNSTABLE}.</li>
 * </ul>
 * Anything else is an event that names no state: acknowledged and ignored.
 */
public final class CiEventParser {

    /** The name of the variable (GitLab) or parameter (Jenkins) the registry sends the deployment id in. */
    public static final String DEPLOYMENT_VARIABLE = "REGISTRY_DEPLOYMENT";

    /** The key of GitHub's {@code deployment.payload} that carries the deployment id. */
    public static final String GITHUB_PAYLOAD_KEY = "registryDeployment";

    /** The longest delivery id kept (the column's size). */
    public static final int MAX_DELIVERY_ID = 200;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** GitLab's documented timestamps ({@code 2016-08-12 15:23:28 UTC}); newer versions send ISO 8601. */
    private static final DateTimeFormatter GITLAB_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private CiEventParser() {}

    /**
     * @param headers the request's headers, names in lower case
     * @throws BadRequestException naming the header or body field that cannot be read (400)
     */
    public static CiEvent parse(CiSystem system, Map<String, String> headers, byte[] body) {
        return switch (system) {
            case GITHUB -> github(headers, body);
            case GITLAB -> gitlab(headers, body);
            case JENKINS -> jenkins(headers, body);
        };
    }

    private static CiEvent github(Map<String, String> headers, byte[] body) {
        String event = required(headers, "X-GitHub-Event");
        String delivery = deliveryId("X-GitHub-Delivery", required(headers, "X-GitHub-Delivery"));
        JsonObject json = object(body);
        String action = text(json, "action");
        String kind = action == null ? event : event + "." + action;
        if (event.equals("workflow_run")) {
            JsonObject run = child(json, "workflow_run");
            DeploymentState state = switch (String.valueOf(action)) {
                case "requested", "in_progress" -> DeploymentState.IN_PROGRESS;
                case "completed" -> conclusion(text(run, "conclusion"));
                default -> null;
            };
            String outcome = text(run, "conclusion") == null ? text(run, "status") : text(run, "conclusion");
            return new CiEvent(
                    delivery,
                    kind,
                    uuidIn(text(run, "display_title"), "workflow_run.display_title"),
                    state,
                    "GitHub workflow run " + text(run, "name") + " #" + run.get("run_number") + ": " + outcome,
                    text(run, "html_url"),
                    time(text(run, "updated_at"), "workflow_run.updated_at"));
        }
        if (event.equals("deployment_status")) {
            JsonObject status = child(json, "deployment_status");
            String reported = String.valueOf(text(status, "state"));
            DeploymentState state = switch (reported) {
                case "queued", "pending", "in_progress" -> DeploymentState.IN_PROGRESS;
                case "success" -> DeploymentState.SUCCEEDED;
                case "failure", "error" -> DeploymentState.FAILED;
                default -> null;
            };
            String description = text(status, "description");
            String url = text(status, "log_url") != null ? text(status, "log_url") : text(status, "target_url");
            return new CiEvent(
                    delivery,
                    "deployment_status." + reported,
                    githubDeployment(child(json, "deployment")),
                    state,
                    "GitHub deployment status " + reported + (description == null ? "" : ": " + description),
                    url,
                    time(text(status, "updated_at"), "deployment_status.updated_at"));
        }
        return new CiEvent(delivery, kind, null, null, null, null, null); // ping, push, ...: not ours to read
    }

    private static DeploymentState conclusion(String conclusion) {
        return switch (String.valueOf(conclusion)) {
            case "success" -> DeploymentState.SUCCEEDED;
            case "failure", "cancelled", "timed_out", "startup_failure" -> DeploymentState.FAILED;
            default -> null; // neutral, skipped, stale, action_required: says nothing of the deployment
        };
    }

    /** {@code deployment.payload} is an object, or (when the workflow passed a string) JSON text of one. */
    private static UUID githubDeployment(JsonObject deployment) {
        JsonValue payload = deployment.get("payload");
        if (payload instanceof JsonString s) {
            try (JsonReader r = Json.createReader(new StringReader(s.getString()))) {
                payload = r.readValue();
            } catch (JsonException e) {
                return null; // a plain string payload: not one the registry's workflow set
            }
        }
        if (payload instanceof JsonObject o) {
            return uuid(text(o, GITHUB_PAYLOAD_KEY), "deployment.payload." + GITHUB_PAYLOAD_KEY);
        }
        return null;
    }

    private static CiEvent gitlab(Map<String, String> headers, byte[] body) {
        String event = required(headers, "X-Gitlab-Event");
        String uuid = headers.get("x-gitlab-event-uuid");
        String delivery = uuid != null
                ? deliveryId("X-Gitlab-Event-UUID", uuid)
                : deliveryId("Idempotency-Key", required(headers, "Idempotency-Key"));
        JsonObject json = object(body);
        if (!event.equals("Pipeline Hook") || !"pipeline".equals(text(json, "object_kind"))) {
            return new CiEvent(delivery, trimmed(event), null, null, null, null, null);
        }
        JsonObject pipeline = child(json, "object_attributes");
        String status = String.valueOf(text(pipeline, "status"));
        DeploymentState state = switch (status) {
            case "created", "waiting_for_resource", "preparing", "pending", "running" -> DeploymentState.IN_PROGRESS;
            case "success" -> DeploymentState.SUCCEEDED;
            case "failed", "canceled" -> DeploymentState.FAILED;
            default -> null;
        };
        UUID deployment = null;
        if (pipeline.get("variables") instanceof JsonArray variables) {
            for (JsonValue v : variables) {
                if (v instanceof JsonObject variable && DEPLOYMENT_VARIABLE.equals(text(variable, "key"))) {
                    deployment = uuid(text(variable, "value"), "object_attributes.variables");
                }
            }
        }
        String url = text(pipeline, "url");
        if (url == null && json.get("project") instanceof JsonObject project && text(project, "web_url") != null) {
            url = text(project, "web_url") + "/-/pipelines/" + pipeline.get("id");
        }
        String finished = text(pipeline, "finished_at");
        return new CiEvent(
                delivery,
                "pipeline." + status,
                deployment,
                state,
                "GitLab pipeline " + pipeline.get("id") + " on " + text(pipeline, "ref") + ": " + status,
                url,
                finished != null
                        ? time(finished, "object_attributes.finished_at")
                        : time(text(pipeline, "created_at"), "object_attributes.created_at"));
    }

    private static CiEvent jenkins(Map<String, String> headers, byte[] body) {
        JsonObject json = object(body);
        JsonObject build = child(json, "build");
        String phase = String.valueOf(text(build, "phase"));
        String status = text(build, "status");
        String given = headers.get("x-jenkins-delivery");
        // the Notification plugin sends no delivery id: a build's phase happens once, so the job, build and phase
        // name the delivery (a repeat of one phase is the same delivery)
        String delivery = deliveryId(
                "X-Jenkins-Delivery",
                given != null ? given : text(json, "name") + "#" + build.get("number") + "/" + phase);
        DeploymentState state = switch (phase) {
            case "QUEUED", "STARTED" -> DeploymentState.IN_PROGRESS;
            case "COMPLETED", "FINALIZED" ->
                switch (String.valueOf(status)) {
                    case "SUCCESS" -> DeploymentState.SUCCEEDED;
                    case "FAILURE", "ABORTED", "UNSTABLE" -> DeploymentState.FAILED;
                    default -> null;
                };
            default -> null;
        };
        UUID deployment = null;
        if (build.get("parameters") instanceof JsonObject parameters) {
            deployment = uuid(text(parameters, DEPLOYMENT_VARIABLE), "build.parameters." + DEPLOYMENT_VARIABLE);
        }
        return new CiEvent(
                delivery,
                "build." + phase,
                deployment,
                state,
                "Jenkins " + text(json, "name") + " #" + build.get("number") + ": " + phase
                        + (status == null ? "" : " " + status),
                text(build, "full_url"),
                null);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name, "the header " + name + " is required");
        }
        return value.trim();
    }

    private static String deliveryId(String name, String value) {
        if (value.length() > MAX_DELIVERY_ID || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BadRequestException(
                    name, "a delivery id is 1 to " + MAX_DELIVERY_ID + " printable ASCII characters without spaces");
        }
        return value;
    }

    private static String trimmed(String event) {
        return event.length() <= 64 ? event : event.substring(0, 64);
    }

    private static JsonObject object(byte[] body) {
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(body))) {
            JsonStructure json = r.read();
            if (json instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException e) {
            throw new BadRequestException("body", "not JSON: " + firstLine(e.getMessage()));
        }
        throw new BadRequestException("body", "a JSON object is expected");
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static JsonObject child(JsonObject json, String name) {
        if (json.get(name) instanceof JsonObject o) {
            return o;
        }
        throw new BadRequestException(name, "the event has no object " + name);
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s ? s.getString() : null;
    }

    /** The first UUID in a text the run carries (a title may say more than the id). */
    private static UUID uuidIn(String text, String field) {
        if (text == null) {
            return null;
        }
        Matcher m = UUID_TEXT.matcher(text);
        return m.find() ? uuid(m.group(), field) : null;
    }

    private static UUID uuid(String text, String field) {
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text.trim()).matches()) {
            throw new BadRequestException(field, "the registry's deployment id is a UUID");
        }
        return UUID.fromString(text.trim());
    }

    private static Instant time(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, GITLAB_TIME).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadRequestException(field, "not a time: " + text);
            }
        }
    }
}
