package org.modelregistry.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/** The audit log's settings ({@code registry.audit.*}); the retention period is checked at start. */
@ApplicationScoped
public class AuditSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.audit.retention", defaultValue = "P10Y")
    String retention;

    @Inject
    @ConfigProperty(name = "registry.audit.checkpoint-minutes", defaultValue = "60")
    long checkpointMinutes;

    @Inject
    @ConfigProperty(name = "registry.audit.checkpoint-dir")
    Optional<String> checkpointDir;

    @Inject
    @ConfigProperty(name = "registry.audit.chain-interval-ms", defaultValue = "10000")
    long chainIntervalMillis;

    @Override
    public void check() {
        retention();
    }

    /** How long audit records are kept at least (registry.audit.retention, ISO-8601 period, default 10 years). */
    public Period retention() {
        return retention(retention);
    }

    static Period retention(String text) {
        try {
            Period p = Period.parse(text);
            if (p.isNegative() || p.isZero()) {
                throw new IllegalArgumentException("registry.audit.retention: must be positive, got " + text);
            }
            return p;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "registry.audit.retention: expected an ISO-8601 period such as P10Y," + " got '" + text + "'");
        }
    }

    /** Minutes between signed checkpoints (registry.audit.checkpoint-minutes); 0 or less: no timer. */
    public long checkpointMinutes() {
        return checkpointMinutes;
    }

    /** Write-once storage every checkpoint is also shipped to (registry.audit.checkpoint-dir), if set. */
    public Optional<Path> checkpointDir() {
        return checkpointDir.filter(d -> !d.isBlank()).map(Path::of);
    }

    /**
     * How often the chainer looks for committed records no commit signal told it of (registry.audit.chain-interval-ms).
     */
    public long chainIntervalMillis() {
        return chainIntervalMillis;
    }
}
