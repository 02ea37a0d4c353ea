package org.modelregistry.domain.shared;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP request to a deployment target, ready to send: always a POST. */
public record WebhookCall(URI uri, Map<String, String> headers, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
