package org.modelregistry.interfaces.web.identity;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.identity.CreateServiceAccountRequest;
import org.modelregistry.api.identity.CreatedServiceAccount;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.identity.ServiceAccountDto;
import org.modelregistry.api.identity.ServiceAccountService;
import org.modelregistry.interfaces.web.Messages;

/**
 * The service accounts tab of {@code admin.xhtml}. A new account's API key lives only in this request: the response
 * that creates it shows it in a dialog, and nothing keeps it afterwards (not the view, not the session), so a reload
 * never shows it again. Registry administrators only, as the service decides.
 */
@Named
@RequestScoped
public class ServiceAccountsPanel {

    @EJB
    ServiceAccountService accounts;

    private List<ServiceAccountDto> list;
    private String name;
    private String organization = "default";
    private Role role = Role.CONTRIBUTOR;
    private Integer expiresInDays;
    private String createdKey;
    private String createdName;

    public List<ServiceAccountDto> getList() {
        if (list == null) {
            list = accounts.list();
        }
        return list;
    }

    public void create() {
        CreatedServiceAccount created = accounts.create(new CreateServiceAccountRequest(
                name, organization == null ? null : organization.trim(), role, expiresInDays));
        createdKey = created.apiKey();
        createdName = created.account().name();
        name = null;
        expiresInDays = null;
        list = null;
    }

    public void revoke(UUID id) {
        accounts.revoke(id);
        Messages.info("The key is revoked: tokens it obtained stop working on their next request.");
        list = null;
    }

    public Role[] getRoles() {
        return Role.values();
    }

    /** The key just created, in the response that created it; null on every other request. */
    public String getCreatedKey() {
        return createdKey;
    }

    public String getCreatedName() {
        return createdName;
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

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }
}
