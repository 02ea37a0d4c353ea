package org.modelregistry.interfaces.web.policy;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.policy.CreatePolicyRequest;
import org.modelregistry.api.policy.PolicyDto;
import org.modelregistry.api.policy.PolicyRevisionDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.api.policy.PolicySeverity;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code policy.xhtml} ({@code ?id=} to edit one, none to write a new one). The policy service checks everything
 * (names, tiers, transitions, the CEL expression); a compile error of the expression comes back with its line and
 * column, shown beside the field with the offending line and a caret under the column. Holds the form's values and
 * the policy's id and revision, nothing else.
 */
@Named
@ViewScoped
public class PolicyPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    PolicyService policies;

    private String id;
    private boolean saved;
    private long revision;
    private int version;
    private String name;
    private String organization;
    private String description;
    private List<String> riskTiers = new ArrayList<>();
    private String groups;
    private List<String> transitions = new ArrayList<>();
    private PolicySeverity severity = PolicySeverity.BLOCKING;
    private String expression;
    private String message;
    private boolean enabled = true;
    private Integer errorLine;
    private Integer errorColumn;
    private List<PolicyRevisionDto> revisions = List.of();

    /** The viewAction after the role check: reads the policy being edited (404 when it is not the caller's to see). */
    public void load() {
        if (FacesContext.getCurrentInstance().isPostback() || id == null || id.isBlank()) {
            return;
        }
        show(policies.get(policyId()));
        revisions = policies.revisions(policyId());
        if (saved) {
            Messages.info("Policy " + name + " saved (version " + version + ").");
        }
    }

    private void show(PolicyDto p) {
        id = p.id().toString();
        revision = p.revision();
        version = p.version();
        name = p.name();
        organization = p.organization();
        description = p.description();
        riskTiers = new ArrayList<>(p.riskTiers().stream().map(Enum::name).toList());
        groups = String.join(", ", p.groups());
        transitions = new ArrayList<>(p.transitions().stream().map(Enum::name).toList());
        severity = p.severity();
        expression = p.expression();
        message = p.message();
        enabled = p.enabled();
    }

    private UUID policyId() {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("policy", id);
        }
    }

    public void save() throws IOException {
        errorLine = null;
        errorColumn = null;
        try {
            PolicyDto saved;
            if (isCreating()) {
                saved = policies.create(new CreatePolicyRequest(
                        blankToNull(name),
                        blankToNull(organization),
                        blankToNull(description),
                        riskTiers,
                        groupList(),
                        transitions,
                        severity,
                        expression,
                        blankToNull(message),
                        enabled));
            } else {
                saved = policies.update(policyId(), definition(), revision);
            }
            // post-redirect-get; the page it lands on says it was saved
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/policy.xhtml?id=" + saved.id() + "&saved=true");
        } catch (RegistryException e) {
            if (!(e.extensions().get("line") instanceof Number line
                    && e.extensions().get("column") instanceof Number column)) {
                throw e; // beside the field it names, by the console's exception handler
            }
            errorLine = line.intValue();
            errorColumn = column.intValue();
            String suffix = " (line " + errorLine + ", column " + errorColumn + ")";
            String reason =
                    e.errors().isEmpty() ? e.detail() : e.errors().get(0).message();
            if (reason.endsWith(suffix)) {
                reason = reason.substring(0, reason.length() - suffix.length());
            }
            Messages.error(
                    FacesContext.getCurrentInstance()
                            .getViewRoot()
                            .findComponent("policy:expression")
                            .getClientId(),
                    "Line " + errorLine + ", column " + errorColumn + ": " + reason);
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    /** The whole definition as a merge patch: every field the form edits, so the result is what the form shows. */
    private JsonObject definition() {
        JsonArrayBuilder tiers = Json.createArrayBuilder();
        riskTiers.forEach(tiers::add);
        JsonArrayBuilder moves = Json.createArrayBuilder();
        transitions.forEach(moves::add);
        JsonArrayBuilder groupArray = Json.createArrayBuilder();
        groupList().forEach(groupArray::add);
        var patch = Json.createObjectBuilder()
                .add("riskTiers", tiers)
                .add("groups", groupArray)
                .add("transitions", moves)
                .add("severity", severity.name())
                .add("expression", expression == null ? "" : expression)
                .add("enabled", enabled);
        if (blankToNull(description) == null) {
            patch.addNull("description");
        } else {
            patch.add("description", description);
        }
        if (blankToNull(message) == null) {
            patch.addNull("message");
        } else {
            patch.add("message", message);
        }
        return patch.build();
    }

    private List<String> groupList() {
        if (groups == null || groups.isBlank()) {
            return List.of();
        }
        return Arrays.stream(groups.split(","))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The expression's line the error is on, for the excerpt under the field. */
    public String getErrorSource() {
        if (errorLine == null || expression == null) {
            return null;
        }
        String[] lines = expression.split("\r?\n", -1);
        return errorLine <= lines.length ? lines[errorLine - 1] : null;
    }

    /** Spaces up to the error's column, then a caret. */
    public String getErrorCaret() {
        return errorColumn == null ? null : " ".repeat(Math.max(0, errorColumn - 1)) + "^";
    }

    public List<PolicyRevisionDto> getRevisions() {
        return revisions;
    }

    public boolean isCreating() {
        return id == null || id.isBlank();
    }

    public List<String> getTierChoices() {
        return Arrays.stream(RiskTier.values()).map(Enum::name).toList();
    }

    public List<String> getTransitionChoices() {
        return PoliciesPage.GATEABLE.stream().map(Enum::name).toList();
    }

    public PolicySeverity[] getSeverities() {
        return PolicySeverity.values();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public boolean isSaved() {
        return saved;
    }

    public void setSaved(boolean saved) {
        this.saved = saved;
    }

    public int getVersion() {
        return version;
    }

    public Integer getErrorLine() {
        return errorLine;
    }

    public Integer getErrorColumn() {
        return errorColumn;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getRiskTiers() {
        return riskTiers;
    }

    public void setRiskTiers(List<String> riskTiers) {
        this.riskTiers = riskTiers == null ? new ArrayList<>() : riskTiers;
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }

    public List<String> getTransitions() {
        return transitions;
    }

    public void setTransitions(List<String> transitions) {
        this.transitions = transitions == null ? new ArrayList<>() : transitions;
    }

    public PolicySeverity getSeverity() {
        return severity;
    }

    public void setSeverity(PolicySeverity severity) {
        this.severity = severity;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
