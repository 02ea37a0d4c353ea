package org.modelregistry.api.problem;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.util.List;
import java.util.Map;
import org.modelregistry.api.policy.PolicyOutcomeDto;

/**
 * 422: blocking policies did not allow the transition. The problem lists every failing policy ({@code violations}:
 * name, version, severity, result, message) and the digest of the input they judged.
 */
public class PolicyViolationException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String from, String to, List<PolicyOutcomeDto> failing, String inputDigest) {
        super(
                422,
                "policy-violation",
                "Blocked by policy",
                "Moving from " + from + " to " + to + " is blocked by "
                        + failing.stream().map(PolicyOutcomeDto::policy).toList(),
                failing.stream()
                        .map(f -> new FieldError("policy:" + f.policy(), f.message()))
                        .toList(),
                Map.of("violations", violations(failing), "inputDigest", inputDigest, "state", from));
    }

    private static JsonArray violations(List<PolicyOutcomeDto> failing) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (PolicyOutcomeDto f : failing) {
            list.add(Json.createObjectBuilder()
                    .add("policy", f.policy())
                    .add("policyId", f.policyId().toString())
                    .add("policyVersion", f.policyVersion())
                    .add("severity", f.severity().name())
                    .add("result", f.result().name())
                    .add("message", f.message()));
        }
        return list.build();
    }
}
