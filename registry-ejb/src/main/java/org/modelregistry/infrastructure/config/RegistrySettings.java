package org.modelregistry.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.domain.deployment.CircuitBreaker;
import org.modelregistry.domain.governance.ApprovalRules;
import org.modelregistry.domain.policy.ChangeWindow;

/**
 * The application's own settings ({@code registry.<area>.<key>} in MicroProfile Config: environment variables
 * such as {@code REGISTRY_DATA_DIR}, system properties, or microprofile-config.properties). Server resources
 * (data source, ports) are configured in liberty-config instead.
 */
@ApplicationScoped
public class RegistrySettings {

    @Inject
    @ConfigProperty(name = "registry.approvals.required", defaultValue = "LOW=1,MEDIUM=1,HIGH=2,CRITICAL=3")
    String approvalsRequired;

    @Inject
    @ConfigProperty(name = "registry.approvals.validity", defaultValue = "HIGH=P12M,CRITICAL=P6M")
    String approvalsValidity;

    @Inject
    @ConfigProperty(name = "registry.policy.change-window", defaultValue = "MON-FRI 08:00-18:00 UTC")
    String changeWindow;

    @Inject
    @ConfigProperty(name = "registry.audit.retention", defaultValue = "P10Y")
    String auditRetention;

    @Inject
    @ConfigProperty(name = "registry.mail.host")
    Optional<String> mailHost;

    @Inject
    @ConfigProperty(name = "registry.mail.port", defaultValue = "25")
    int mailPort;

    @Inject
    @ConfigProperty(name = "registry.mail.from", defaultValue = "model-registry@localhost")
    String mailFrom;

    @Inject
    @ConfigProperty(name = "registry.mail.username")
    Optional<String> mailUsername;

    @Inject
    @ConfigProperty(name = "registry.mail.password")
    Optional<String> mailPassword;

    @Inject
    @ConfigProperty(name = "registry.mail.starttls", defaultValue = "false")
    boolean mailStartTls;

    @Inject
    @ConfigProperty(name = "registry.notifications.max-attempts", defaultValue = "8")
    int notificationMaxAttempts;

    @Inject
    @ConfigProperty(name = "registry.notifications.retry-base-ms", defaultValue = "2000")
    long notificationRetryBaseMs;

    @Inject
    @ConfigProperty(name = "registry.deployments.report-timeout-minutes", defaultValue = "60")
    int reportTimeoutMinutes;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.window", defaultValue = "10")
    int circuitWindow;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.minimum-calls", defaultValue = "4")
    int circuitMinimumCalls;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.failure-ratio", defaultValue = "0.5")
    double circuitFailureRatio;

    @Inject
    @ConfigProperty(name = "registry.deployments.circuit.delay-seconds", defaultValue = "30")
    int circuitDelaySeconds;

    private volatile ApprovalRules approvalRules;
    private volatile ChangeWindow parsedChangeWindow;

    /** Approvals per risk tier and how long they stay valid (registry.approvals.required / .validity). */
    public ApprovalRules approvalRules() {
        ApprovalRules rules = approvalRules;
        if (rules == null) {
            rules = ApprovalRules.parse(approvalsRequired, approvalsValidity);
            approvalRules = rules;
        }
        return rules;
    }

    /** When production deployments may happen (registry.policy.change-window), as policies see it. */
    public ChangeWindow changeWindow() {
        ChangeWindow window = parsedChangeWindow;
        if (window == null) {
            window = ChangeWindow.parse(changeWindow);
            parsedChangeWindow = window;
        }
        return window;
    }

    /** How long audit records are kept at least (registry.audit.retention, ISO-8601 period, default 10 years). */
    public Period auditRetention() {
        try {
            Period p = Period.parse(auditRetention);
            if (p.isNegative() || p.isZero()) {
                throw new IllegalArgumentException("registry.audit.retention: must be positive, got " + auditRetention);
            }
            return p;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("registry.audit.retention: expected an ISO-8601 period such as P10Y,"
                    + " got '" + auditRetention + "'");
        }
    }

    /** A deployment whose target has not reported SUCCEEDED or FAILED by then is FAILED by the registry. */
    public int deploymentReportTimeoutMinutes() {
        return reportTimeoutMinutes;
    }

    /** A new circuit breaker for one deployment target (registry.deployments.circuit.*). */
    public CircuitBreaker newCircuitBreaker() {
        return new CircuitBreaker(
                circuitWindow, circuitMinimumCalls, circuitFailureRatio, Duration.ofSeconds(circuitDelaySeconds));
    }

    /** The SMTP server (registry.mail.host); without one, nothing is mailed. */
    public Optional<String> mailHost() {
        return mailHost.filter(s -> !s.isBlank());
    }

    public int mailPort() {
        return mailPort;
    }

    public String mailFrom() {
        return mailFrom;
    }

    public Optional<String> mailUsername() {
        return mailUsername.filter(s -> !s.isBlank());
    }

    public Optional<String> mailPassword() {
        return mailPassword.filter(s -> !s.isBlank());
    }

    public boolean mailStartTls() {
        return mailStartTls;
    }

    /** How often a webhook delivery or a mail is tried before it is given up (DEAD). */
    public int notificationMaxAttempts() {
        return notificationMaxAttempts;
    }

    /** The first retry's delay; each next one doubles it (with jitter), up to an hour. */
    public Duration notificationRetryBase() {
        return Duration.ofMillis(notificationRetryBaseMs);
    }

    // Forwarding for the callers in audit, deployment, evaluation, jobs and notification that read server or API
    // settings through this class; they move to ServerSettings and ApiSettings with their own contexts' settings.
    @Inject
    ServerSettings server;

    @Inject
    ApiSettings api;

    public Path dataDir() {
        return server.dataDir();
    }

    public String serverId() {
        return server.serverId();
    }

    public String leaseOwner() {
        return server.leaseOwner();
    }

    public String publicUrl() {
        return server.publicUrl();
    }

    public int maxPageSize() {
        return api.maxPageSize();
    }

    public int defaultPageSize() {
        return api.defaultPageSize();
    }
}
