package org.modelregistry.api.policy;

import java.util.List;
import org.modelregistry.api.catalog.VersionState;

/**
 * The policies in scope of a move and their verdicts. {@code allowed} is false when a BLOCKING policy failed;
 * {@code inputDigest} is the SHA-256 of the canonical input the policies saw.
 */
public record PolicyCheckDto(
        VersionState from,
        VersionState to,
        String environment,
        boolean allowed,
        String inputDigest,
        List<PolicyOutcomeDto> results) {}
