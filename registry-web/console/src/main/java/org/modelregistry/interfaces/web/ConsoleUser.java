package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.identity.Caller;

/**
 * The signed-in person as pages see them ({@code #{consoleUser}}), read from the database on every request like the
 * API's caller, so a removed membership hides its pages at once. Pages use it only to decide what to offer; the EJB
 * services decide what is allowed.
 */
@Named
@RequestScoped
public class ConsoleUser {

    @Inject
    CurrentCaller current;

    @Inject
    SecurityContext security;

    public boolean isSignedIn() {
        return security.getCallerPrincipal() != null;
    }

    public String getName() {
        return isSignedIn() ? current.get().username() : null;
    }

    public boolean isRegistryAdmin() {
        return isSignedIn() && current.get().registryAdmin();
    }

    /**
     * For a page's {@code <f:viewAction action="#{consoleUser.require('ADMIN')}"/>}: a person without the role gets the
     * 403 page even when they type the page's address. The services still check every action.
     */
    public void require(String role) {
        if (!has(role)) {
            throw new ForbiddenException("This page needs the " + role + " role");
        }
    }

    /** True when the person holds the role (by name) in any organization, or is a registry administrator. */
    public boolean has(String role) {
        if (!isSignedIn()) {
            return false;
        }
        Caller caller = current.get();
        Role wanted = Role.valueOf(role);
        return caller.registryAdmin() || caller.roles().values().stream().anyMatch(roles -> roles.contains(wanted));
    }
}
