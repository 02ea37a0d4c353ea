package org.modelregistry.api.deployment;

import java.util.UUID;

/**
 * What came of a CI event: {@code APPLIED} (the deployment's state changed, or it confirmed the same state),
 * {@code DUPLICATE} (a delivery seen before: nothing changed) or {@code IGNORED} (an event that reports on no
 * deployment of the registry's, such as a ping or another workflow's run).
 *
 * @param deployment the deployment it reported on, or null when ignored
 * @param state the deployment's state afterwards, or null when ignored
 */
public record CiEventReceipt(String outcome, String delivery, UUID deployment, String state, String detail) {

    public static final String APPLIED = "APPLIED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String IGNORED = "IGNORED";
}
