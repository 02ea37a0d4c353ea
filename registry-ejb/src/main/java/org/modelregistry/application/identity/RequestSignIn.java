package org.modelregistry.application.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The principal whose credentials an adapter checked for one request, for callers that cannot send the registry's
 * bearer token: MLflow clients send a user's name and password (HTTP Basic) or a service account's API key as a
 * bearer. Only {@link AuthServiceBean#signInRequest} fills it, after the same throttled check as a token request, and
 * {@link CurrentCaller} reads it only for a request the container did not authenticate.
 */
@RequestScoped
public class RequestSignIn {

    private String principal;

    void set(String name) {
        this.principal = name;
    }

    public Optional<String> get() {
        return Optional.ofNullable(principal);
    }
}
