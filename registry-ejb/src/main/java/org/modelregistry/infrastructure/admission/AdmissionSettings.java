package org.modelregistry.infrastructure.admission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * How much this server works on at once ({@code registry.admission.*}): requests in flight beyond
 * {@code max-concurrent} are answered 503 with {@code Retry-After: retry-after-seconds} at once; one caller may hold
 * at most {@code max-per-principal} of them (0: half of {@code max-concurrent}); artifact uploads and downloads have
 * their own {@code max-transfers}, so that slow transfers cannot hold the slots API reads need.
 */
@ApplicationScoped
public class AdmissionSettings implements CheckedSettings {

    static final int MAX = 100_000;

    @Inject
    @ConfigProperty(name = "registry.admission.max-concurrent", defaultValue = "64")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "registry.admission.max-per-principal", defaultValue = "0")
    int maxPerPrincipal;

    @Inject
    @ConfigProperty(name = "registry.admission.max-transfers", defaultValue = "16")
    int maxTransfers;

    @Inject
    @ConfigProperty(name = "registry.admission.retry-after-seconds", defaultValue = "1")
    int retryAfterSeconds;

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** The configured share, or half the limit (at least 1) when it is 0. */
    public int maxPerPrincipal() {
        return maxPerPrincipal > 0 ? maxPerPrincipal : Math.max(1, maxConcurrent / 2);
    }

    public int maxTransfers() {
        return maxTransfers;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public void check() {
        if (maxConcurrent < 1 || maxConcurrent > MAX) {
            throw new IllegalArgumentException(
                    "registry.admission.max-concurrent must be from 1 to " + MAX + ", not " + maxConcurrent);
        }
        if (maxPerPrincipal < 0 || maxPerPrincipal > maxConcurrent) {
            throw new IllegalArgumentException("registry.admission.max-per-principal must be from 0 (half of"
                    + " registry.admission.max-concurrent) to registry.admission.max-concurrent (" + maxConcurrent
                    + "), not " + maxPerPrincipal);
        }
        if (maxTransfers < 1 || maxTransfers > MAX) {
            throw new IllegalArgumentException(
                    "registry.admission.max-transfers must be from 1 to " + MAX + ", not " + maxTransfers);
        }
        if (retryAfterSeconds < 1 || retryAfterSeconds > 3600) {
            throw new IllegalArgumentException(
                    "registry.admission.retry-after-seconds must be from 1 to 3600, not " + retryAfterSeconds);
        }
    }
}
