package org.modelregistry.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where sign-in sends people, and back. The page to return to is only ever a path inside the console: a link that
 * names another site ({@code next=https://evil.example}, {@code //evil.example}, {@code /\evil.example}) returns to
 * the dashboard instead (no open redirect).
 */
public final class ConsolePaths {

    static final String SIGN_IN = "/login.xhtml";
    static final String HOME = "/index.xhtml";

    /** A console-relative path: a slash, then no second slash or backslash, only URL-safe characters, bounded. */
    private static final Pattern SAFE_NEXT = Pattern.compile("^/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1000}$");

    private ConsolePaths() {}

    static String signInUrl(HttpServletRequest request, boolean expired) {
        String asked = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (request.getQueryString() != null) {
            asked += "?" + request.getQueryString();
        }
        StringBuilder url = new StringBuilder(request.getContextPath()).append(SIGN_IN);
        url.append("?next=").append(URLEncoder.encode(asked, StandardCharsets.UTF_8));
        if (expired) {
            url.append("&reason=expired");
        }
        return url.toString();
    }

    /**
     * @param next the {@code next} parameter of the sign-in page (decoded), or null
     * @return the console-relative path to go to after signing in
     */
    public static String afterSignIn(String next) {
        if (next == null || !SAFE_NEXT.matcher(next).matches() || next.startsWith(SIGN_IN)) {
            return HOME;
        }
        // an encoded slash or backslash must not smuggle a second one in
        String decoded;
        try {
            decoded = URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return HOME;
        }
        if (decoded.startsWith("//") || decoded.startsWith("/\\") || decoded.contains("\r") || decoded.contains("\n")) {
            return HOME;
        }
        return next;
    }

    static String xmlAttribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
