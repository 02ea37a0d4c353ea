package org.modelregistry.domain.deployment;

/** How one call to a deployment target went ({@code deployment_call.outcome}). */
public enum CallOutcome {
    /** 2xx: the target has the deployment. */
    ACCEPTED,
    /** 4xx, or an address the outbound policy refuses: retrying will not help. */
    REJECTED,
    /** 5xx, 408, 429 or a network error: worth another try. */
    ERROR,
    TIMEOUT,
    /** No call was made: the target's circuit breaker is open. */
    CIRCUIT_OPEN
}
