package org.modelregistry.api.policy;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/policies}, and the whole definition a merge patch of a policy produces (without
 * {@code name} and {@code organization}, which never change). Only the types are checked here; what the values may
 * be (known risk tiers, gateable states, an expression that compiles) is the policy service's job, so that every
 * client gets the same rules and field names in errors. Tiers and transitions stay strings for that reason: an
 * unknown one is named with the values expected.
 *
 * @param organization the slug of the organization the policy belongs to; null for a global policy
 * @param enabled null means enabled
 */
public record CreatePolicyRequest(
        String name,
        String organization,
        String description,
        List<String> riskTiers,
        List<String> groups,
        List<String> transitions,
        PolicySeverity severity,
        String expression,
        String message,
        Boolean enabled) {

    public static final Set<String> FIELDS = Set.of(
            "name",
            "organization",
            "description",
            "riskTiers",
            "groups",
            "transitions",
            "severity",
            "expression",
            "message",
            "enabled");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static CreatePolicyRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreatePolicyRequest request = new CreatePolicyRequest(
                json.string("name"),
                json.string("organization"),
                json.string("description"),
                json.strings("riskTiers"),
                json.strings("groups"),
                json.strings("transitions"),
                json.enumValue("severity", PolicySeverity.class),
                json.string("expression"),
                json.string("message"),
                json.bool("enabled"));
        json.done();
        return request;
    }
}
