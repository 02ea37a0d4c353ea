package org.modelregistry.application.deployment;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.modelregistry.api.deployment.CiEventReceipt;
import org.modelregistry.api.deployment.CiEventService;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.UnauthorizedException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.deployment.CiEvent;
import org.modelregistry.domain.deployment.CiEventParser;
import org.modelregistry.domain.deployment.CiSignatures;
import org.modelregistry.domain.deployment.CiSystem;
import org.modelregistry.domain.deployment.Deployment;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.deployment.DeploymentTarget;
import org.modelregistry.domain.deployment.DeploymentTargetRepository;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * CI events, in this order: the target's event secret proves the event (before its body is read at all); the body
 * says which delivery, deployment and state; an old event is refused; the deployment must be the target's own (so
 * a secret of one organization's target never reports on another's deployment); a delivery id seen before changes
 * nothing; then the report goes through the deployment's state machine like a callback's, with the CI system and
 * target as the actor. Accepted events are audited; refused ones are counted ({@code registry_ci_events}) and
 * logged without their body.
 */
@Stateless
@Local(CiEventService.class)
public class CiEventServiceBean implements CiEventService {

    private static final Logger LOG = Logger.getLogger(CiEventServiceBean.class.getName());
    private static final int MAX_MESSAGE = 4000;

    /** The header Jenkins' token comes in (the resource also takes it from the {@code token} query parameter). */
    public static final String JENKINS_TOKEN_HEADER = "x-registry-token";

    @Inject
    DeploymentTargetRepository targets;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentReports reports;

    @Inject
    DeploymentSettings settings;

    @Inject
    SecretKeys secrets;

    @Inject
    AuditTrail audit;

    @Inject
    MetricRegistry metrics;

    @Override
    public CiEventReceipt receive(String systemName, UUID targetId, Map<String, String> headers, byte[] body) {
        CiSystem system = CiSystem.of(systemName).orElseThrow(() -> new NotFoundException("CI system", systemName));
        DeploymentTarget target =
                targets.find(targetId).filter(DeploymentTarget::hasEventSecret).orElse(null);
        if (target == null || !verified(system, target, headers, body)) {
            // an unknown target, one without an event secret, and a wrong signature look the same from outside
            throw refused(
                    system,
                    targetId,
                    headers,
                    "signature",
                    new UnauthorizedException(
                            "The event is not signed with the target's event secret (" + proofHeader(system) + ")"));
        }
        CiEvent event;
        try {
            event = CiEventParser.parse(system, headers, body);
        } catch (BadRequestException e) {
            throw refused(system, targetId, headers, "malformed", e);
        }
        Instant oldest = Instant.now().minus(settings.ciEventMaxAge());
        if (event.occurredAt() != null && event.occurredAt().isBefore(oldest)) {
            throw refused(
                    system,
                    targetId,
                    headers,
                    "stale",
                    new BadRequestException(
                            "body",
                            "the event happened at " + event.occurredAt() + ", more than "
                                    + settings.ciEventMaxAge().toHours() + " hours ago: an old event is refused"));
        }
        if (!event.relevant()) {
            count(system, "ignored");
            return new CiEventReceipt(
                    CiEventReceipt.IGNORED,
                    event.deliveryId(),
                    null,
                    null,
                    event.deployment() == null
                            ? event.event() + " names no deployment of the registry's"
                            : event.event() + " reports no state of a deployment");
        }
        Deployment deployment = deployments
                .lock(event.deployment())
                .filter(d -> d.getTargetId().equals(target.getId()))
                .orElse(null);
        if (deployment == null) {
            throw refused(
                    system,
                    targetId,
                    headers,
                    "foreign-deployment",
                    new ForbiddenException("The event names a deployment that is not one of this target's"));
        }
        if (deployment.getState().finished() && event.state() == DeploymentState.IN_PROGRESS) {
            // systems do not promise the order of their deliveries: progress arriving after the end says nothing
            count(system, "ignored");
            return receipt(CiEventReceipt.IGNORED, event, deployment, "a late progress event: the deployment ended");
        }
        if (!deployments.recordCiDelivery(
                target.getId(), system, event.deliveryId(), deployment.getId(), event.event(), event.state())) {
            count(system, "duplicate");
            return receipt(CiEventReceipt.DUPLICATE, event, deployment, "a delivery seen before: nothing changed");
        }
        String actor = "ci:" + system.pathSegment() + ":" + target.getName();
        JsonObject via = Json.createObjectBuilder()
                .add("system", system.name())
                .add("delivery", event.deliveryId())
                .add("event", event.event())
                .build();
        boolean changed;
        try {
            changed =
                    reports.record(deployment, event.state(), message(event.message()), link(event.url()), actor, via);
        } catch (ConflictException e) {
            throw refused(system, targetId, headers, "conflict", e);
        }
        audit.record(
                actor,
                "deployment.ci-event",
                "deployment",
                deployment.getId(),
                target.getOrganizationId(),
                Json.createObjectBuilder(via)
                        .add("target", target.getName())
                        .add("reported", event.state().name())
                        .add("changed", changed)
                        .build());
        count(system, "applied");
        return receipt(
                CiEventReceipt.APPLIED,
                event,
                deployment,
                changed ? "the deployment is " + deployment.getState() : "the deployment already was so");
    }

    private boolean verified(CiSystem system, DeploymentTarget target, Map<String, String> headers, byte[] body) {
        String secret =
                secrets.open(target.getEventSecret(), true, "deployment_target", "event_secret", target.getId());
        return switch (system) {
            case GITHUB -> CiSignatures.githubValid(secret, headers.get("x-hub-signature-256"), body);
            case GITLAB -> CiSignatures.tokenValid(secret, headers.get("x-gitlab-token"));
            case JENKINS -> CiSignatures.tokenValid(secret, headers.get(JENKINS_TOKEN_HEADER));
        };
    }

    private static String proofHeader(CiSystem system) {
        return switch (system) {
            case GITHUB -> CiSignatures.GITHUB_HEADER;
            case GITLAB -> "X-Gitlab-Token";
            case JENKINS -> "X-Registry-Token";
        };
    }

    private static CiEventReceipt receipt(String outcome, CiEvent event, Deployment deployment, String detail) {
        return new CiEventReceipt(
                outcome,
                event.deliveryId(),
                deployment.getId(),
                deployment.getState().name(),
                detail);
    }

    /** Counts and logs a refusal (never the body: it is the sender's, and may be anybody's) and returns it. */
    private RuntimeException refused(
            CiSystem system, UUID targetId, Map<String, String> headers, String reason, RuntimeException problem) {
        count(system, "refused-" + reason);
        String delivery = headers.getOrDefault(
                "x-github-delivery", headers.getOrDefault("x-gitlab-event-uuid", headers.get("x-jenkins-delivery")));
        LOG.warning(() -> "CI event refused (" + reason + "): system " + system.pathSegment() + ", target " + targetId
                + ", delivery " + (delivery == null ? "none" : printable(delivery)) + ": " + problem.getMessage());
        return problem;
    }

    /** A header as it may go into a log line: no line breaks, no control characters, short. */
    private static String printable(String value) {
        String kept = value.length() <= 100 ? value : value.substring(0, 100);
        return kept.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private void count(CiSystem system, String outcome) {
        metrics.counter(
                        Metadata.builder()
                                .withName("registry_ci_events")
                                .withDescription("CI systems' events received, by system and outcome (applied,"
                                        + " duplicate, ignored, refused-<reason>)")
                                .build(),
                        new Tag("system", system.pathSegment()),
                        new Tag("outcome", outcome))
                .inc();
    }

    private static String message(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
    }

    /** The run's link, kept only when it is one the console may show (an absolute http(s) URL). */
    private static String link(String url) {
        return url != null && CatalogRules.httpUrl(new FieldErrors(), "url", url, true) ? url : null;
    }
}
