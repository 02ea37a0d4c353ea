package org.modelregistry.interfaces.web.identity;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.identity.CreateUserRequest;
import org.modelregistry.api.identity.MembershipDto;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.identity.UserDto;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.interfaces.web.Messages;

/**
 * The users tab of {@code admin.xhtml}: the registry's users, a new user with roles in one organization, and
 * (de)activating one. Request-scoped: the list is read once per request and never kept. The user service allows all
 * of it to registry administrators only.
 */
@Named
@RequestScoped
public class UsersPanel {

    @EJB
    UserService users;

    private List<UserDto> list;
    private String username;
    private String displayName;
    private String email;
    private String password;
    private String organization = "default";
    private List<String> roles = new ArrayList<>();
    private boolean registryAdmin;

    public List<UserDto> getList() {
        if (list == null) {
            list = users.list();
        }
        return list;
    }

    public void create() {
        List<MembershipDto> memberships = roles.stream()
                .map(r -> new MembershipDto(organization == null ? null : organization.trim(), Role.valueOf(r)))
                .toList();
        UserDto created = users.create(
                new CreateUserRequest(username, displayName, email, password, true, registryAdmin, memberships));
        Messages.info("User " + created.username() + " created.");
        username = null;
        displayName = null;
        email = null;
        roles = new ArrayList<>();
        registryAdmin = false;
        list = null;
    }

    /** Deactivates (or reactivates) a user: a deactivated user cannot sign in, their records stay. */
    public void activate(UUID id, long revision, boolean active) {
        UserDto changed =
                users.patch(id, Json.createObjectBuilder().add("active", active).build(), revision);
        Messages.info("User " + changed.username() + (active ? " reactivated." : " deactivated."));
        list = null;
    }

    public List<String> getRoleChoices() {
        return Arrays.stream(Role.values()).map(Enum::name).toList();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    /** Write-only: never rendered back. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : roles;
    }

    public boolean isRegistryAdmin() {
        return registryAdmin;
    }

    public void setRegistryAdmin(boolean registryAdmin) {
        this.registryAdmin = registryAdmin;
    }
}
