package org.modelregistry.interfaces.web.deployment;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.deployment.CreateDeploymentTargetRequest;
import org.modelregistry.api.deployment.DeploymentTargetDto;
import org.modelregistry.api.deployment.DeploymentTargetService;
import org.modelregistry.interfaces.web.Messages;

/**
 * Deployment targets in {@code admin.xhtml}. The secret and token inputs are write-only (the DTO only says whether
 * they are set); the service checks names, environments and the outbound policy for the URL, and who may do it.
 */
@Named
@RequestScoped
public class TargetsPanel {

    @EJB
    DeploymentTargetService targets;

    private List<DeploymentTargetDto> list;
    private String organization = "default";
    private String name;
    private String environment = "staging";
    private String url;
    private String secret;
    private String token;

    public List<DeploymentTargetDto> getList() {
        if (list == null) {
            list = targets.targets();
        }
        return list;
    }

    public void create() {
        DeploymentTargetDto created = targets.createTarget(new CreateDeploymentTargetRequest(
                organization, name, environment, null, null, url, secret, token, null, true, null));
        Messages.info("Deployment target " + created.name() + " created.");
        name = null;
        url = null;
        list = null;
    }

    public void enable(UUID id, int version, boolean enabled) {
        targets.updateTarget(
                id,
                (long) version,
                Json.createObjectBuilder().add("enabled", enabled).build());
        Messages.info(enabled ? "Target enabled." : "Target disabled: no deployment is sent to it.");
        list = null;
    }

    public List<String> getEnvironments() {
        return List.of("development", "staging", "production");
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** Write-only. */
    public String getSecret() {
        return null;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** Write-only. */
    public String getToken() {
        return null;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
