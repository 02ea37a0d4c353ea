package org.modelregistry.infrastructure.security;

/**
 * A single sign-on that did not go through: the provider's token endpoint failed, or its ID token did not pass a
 * check. The message is a fixed phrase naming the step or the check, safe for logs: never a token, a code or a
 * secret.
 */
public class SingleSignOnRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    public SingleSignOnRefusal(String reason) {
        super(reason);
    }
}
