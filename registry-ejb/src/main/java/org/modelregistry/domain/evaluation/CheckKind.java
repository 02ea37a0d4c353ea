package org.modelregistry.domain.evaluation;

import java.util.Arrays;
import java.util.Optional;

/** What a check of a suite does; each kind reads its own settings from the check's JSON object. */
public enum CheckKind {
    /** Stored content re-read and re-hashed ({@link IntegrityCheck}); no settings. */
    INTEGRITY,
    /** {@code expression}: CEL over the run's metrics ({@link MetricThreshold}). */
    METRIC_THRESHOLD,
    /** {@code sections}: the headings the model card must have ({@link ModelCardCheck}). */
    MODEL_CARD,
    /** {@code allow}: the SPDX ids the artifacts' licences may name ({@link LicenseCheck}). */
    LICENSE;

    /** The kind named exactly so, if there is one (no case folding: the suite stores what it was given). */
    public static Optional<CheckKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
