package org.modelregistry.interfaces.web;

import jakarta.security.enterprise.credential.Credential;
import org.modelregistry.api.identity.SignedIn;

/**
 * A sign-in the registry has already checked (a password by {@code AuthService.signIn}, or a single sign-on by
 * {@code SingleSignOnService.signIn}): the only credential {@link ConsoleAuthentication} accepts. It is built
 * in-process by the sign-in page or the single sign-on callback, never read from a request, so no caller can present
 * one.
 */
record VerifiedSignIn(SignedIn user) implements Credential {}
