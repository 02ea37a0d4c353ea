package org.modelregistry.client;

import java.time.Instant;
import java.util.Objects;

/**
 * What the client authenticates with. A user's name and password or a service account's API key are exchanged for
 * a token ({@code issueToken}) and exchanged again when it expires; a bare token is used as is until it expires
 * (then calls fail with 401: whoever holds only a token must sign in again).
 */
public sealed interface Credentials {

    static Credentials password(String username, char[] password) {
        return new Password(username, password.clone());
    }

    static Credentials apiKey(String apiKey) {
        return new ApiKey(apiKey);
    }

    /** @param expiresAt when the token expires, or null when unknown (then only the server's 401 tells) */
    static Credentials token(String token, Instant expiresAt) {
        return new Token(token, expiresAt);
    }

    /** No credentials: only the public operations (issueToken, the keys) work. */
    static Credentials none() {
        return new None();
    }

    record Password(String username, char[] password) implements Credentials {
        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[username=" + username + ", password=***]";
        }
    }

    record ApiKey(String apiKey) implements Credentials {
        public ApiKey {
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    record Token(String token, Instant expiresAt) implements Credentials {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Token[***, expiresAt=" + expiresAt + "]";
        }
    }

    record None() implements Credentials {}
}
