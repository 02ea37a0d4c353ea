package org.modelregistry.application.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.modelregistry.api.identity.SignedIn;

/**
 * The person the console's HTTP session signed in, handed over for one request by the console (its filter, after the
 * container authenticated the request from that session). {@link CurrentCaller} reads the roles of a single sign-on
 * user here: a console request carries no bearer token to read them from, and such a user has no account whose
 * memberships could be loaded. The REST API never fills it.
 */
@RequestScoped
public class SessionSignIn {

    private SignedIn user;

    public void set(SignedIn user) {
        this.user = user;
    }

    public Optional<SignedIn> get() {
        return Optional.ofNullable(user);
    }
}
