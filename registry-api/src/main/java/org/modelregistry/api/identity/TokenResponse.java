package org.modelregistry.api.identity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An OAuth 2.0-style bearer token response (RFC 6749 section 5.1). */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn"})
public record TokenResponse(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
    }
}
