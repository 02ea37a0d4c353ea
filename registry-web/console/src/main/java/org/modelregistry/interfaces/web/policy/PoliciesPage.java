package org.modelregistry.interfaces.web.policy;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.policy.PolicyCheckDto;
import org.modelregistry.api.policy.PolicyDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code policies.xhtml}: the policies the caller sees (global ones and their organizations'), disabling one, and a
 * dry run of the policies that would gate moving a version, changing nothing. The service decides who may disable
 * (registry administrators for global policies, an organization's ADMINs for its own).
 */
@Named
@ViewScoped
public class PoliciesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The moves a policy can gate, as the policy service accepts them (it names them when one is refused). */
    static final List<VersionState> GATEABLE = List.of(
            VersionState.DRAFT,
            VersionState.IN_REVIEW,
            VersionState.APPROVED,
            VersionState.DEPLOYED,
            VersionState.DEPRECATED,
            VersionState.RETIRED);

    @EJB
    PolicyService policies;

    private List<PolicyDto> list = List.of();
    private String model;
    private String version;
    private VersionState to = VersionState.APPROVED;
    private String environment;
    private PolicyCheckDto check;

    /** The viewAction after the role check. */
    public void load() {
        list = policies.list();
    }

    public void disable(UUID id, long revision) {
        policies.disable(id, revision);
        Messages.info("The policy is disabled; its revisions stay for the evaluations that name it.");
        load();
    }

    /** The dry run: every policy in scope of the move, with its verdict. */
    public void dryRun() {
        check = null;
        UUID modelId;
        try {
            modelId = UUID.fromString(model == null ? "" : model.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model", "is not a model id");
        }
        check = policies.check(
                modelId, version == null ? null : version.trim(), to, environment == null ? null : environment.trim());
    }

    public List<VersionState> getGateable() {
        return GATEABLE;
    }

    public List<PolicyDto> getList() {
        return list;
    }

    public PolicyCheckDto getCheck() {
        return check;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public VersionState getTo() {
        return to;
    }

    public void setTo(VersionState to) {
        this.to = to;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }
}
