package org.modelregistry.infrastructure.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OAuth 2.0 token request of the console's single sign-on (RFC 6749 4.1.3 with PKCE, RFC 7636): one
 * {@code POST} of the code to the provider's token endpoint with the console's client credentials
 * ({@code client_secret_basic}), answered by JSON holding the {@code id_token}.
 *
 * <p>The endpoint is set by the operator, not by a user, so the outbound host policy (which guards the addresses
 * organization administrators choose) does not apply; still, no redirect is followed (the code and the client's
 * secret go to the configured address only), no proxy is used, the call is bounded in time ({@link #TIMEOUT_MILLIS}
 * to connect and per read) and the answer is read up to {@link #MAX_ANSWER_BYTES}.
 */
public final class ProviderTokenEndpoint {

    static final int TIMEOUT_MILLIS = 5_000;
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** OAuth error codes are short ASCII words: anything else is not repeated in a log. */
    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private ProviderTokenEndpoint() {}

    /**
     * @return the ID token of the answer
     * @throws SingleSignOnRefusal when the endpoint cannot be reached, answers an error or something else than a
     *         token answer with an ID token
     */
    public static String exchange(
            String tokenUrl, String clientId, String clientSecret, String code, String codeVerifier, String redirectUri)
            throws SingleSignOnRefusal {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        byte[] body = encode(form).getBytes(StandardCharsets.US_ASCII);
        String credentials = Base64.getEncoder()
                .encodeToString(
                        (formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(tokenUrl).toURL().openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Authorization", "Basic " + credentials);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status >= 300 && status < 400) {
                throw new SingleSignOnRefusal("the token endpoint redirected (HTTP " + status + "), not followed");
            }
            JsonObject answer = read(connection, status);
            if (status != 200) {
                String error = answer != null
                                && answer.get("error") instanceof JsonString s
                                && ERROR_CODE.matcher(s.getString()).matches()
                        ? " " + s.getString()
                        : "";
                throw new SingleSignOnRefusal("the token endpoint answered HTTP " + status + error);
            }
            if (answer == null || !(answer.get("id_token") instanceof JsonString idToken)) {
                throw new SingleSignOnRefusal("the token endpoint's answer has no id_token");
            }
            return idToken.getString();
        } catch (SocketTimeoutException e) {
            throw new SingleSignOnRefusal("the token endpoint timed out");
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new SingleSignOnRefusal("the token endpoint cannot be reached");
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** The answer as a JSON object, or null when it is not one; refused when larger than the bound. */
    private static JsonObject read(HttpURLConnection connection, int status) throws IOException, SingleSignOnRefusal {
        long declared = connection.getContentLengthLong();
        if (declared > MAX_ANSWER_BYTES) {
            throw new SingleSignOnRefusal("the token endpoint's answer is too large, not read");
        }
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_ANSWER_BYTES) {
                    throw new SingleSignOnRefusal("the token endpoint's answer is too large, not read");
                }
            }
        }
        try (JsonReader reader = Json.createReader(new StringReader(bytes.toString(StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(formEncode(k)).append('=').append(formEncode(v));
        });
        return out.toString();
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
