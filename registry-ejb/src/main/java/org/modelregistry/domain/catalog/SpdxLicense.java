package org.modelregistry.domain.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates SPDX license expressions ({@code MIT}, {@code Apache-2.0 OR MIT},
 * {@code GPL-2.0-or-later WITH Classpath-exception-2.0}, {@code LicenseRef-llama3}) against the SPDX License List
 * and returns them with identifiers in their canonical case. Identifiers match case-insensitively, as the SPDX
 * specification says; operators must be upper case.
 */
public final class SpdxLicense {

    private static final Map<String, String> LICENSES = load("/spdx/licenses.txt");
    private static final Map<String, String> EXCEPTIONS = load("/spdx/exceptions.txt");
    private static final Pattern LICENSE_REF =
            Pattern.compile("(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+");
    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|[A-Za-z0-9.:+-]+");
    private static final int MAX_LENGTH = 512;

    private final List<String> tokens;
    private int pos;

    private SpdxLicense(List<String> tokens) {
        this.tokens = tokens;
    }

    /**
     * @return the expression with canonical identifiers
     * @throws IllegalArgumentException with a message fit for a user when it is not a valid expression
     */
    public static String canonical(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is required (an SPDX license expression such as Apache-2.0)");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        List<String> tokens = tokenize(expression.trim());
        SpdxLicense parser = new SpdxLicense(tokens);
        String result = parser.orExpression();
        if (parser.pos != tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + tokens.get(parser.pos) + "' in license expression");
        }
        return result;
    }

    public static boolean isListed(String id) {
        return LICENSES.containsKey(id.toLowerCase(Locale.ROOT));
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        var m = TOKEN.matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (Character.isWhitespace(s.charAt(at))) {
                at++;
                continue;
            }
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("unexpected character '" + s.charAt(at) + "' in license expression");
            }
            out.add(m.group());
            at = m.end();
        }
        return out;
    }

    // or-expression := and-expression ("OR" and-expression)*
    private String orExpression() {
        StringBuilder sb = new StringBuilder(andExpression());
        while (peek("OR")) {
            pos++;
            sb.append(" OR ").append(andExpression());
        }
        return sb.toString();
    }

    // and-expression := with-expression ("AND" with-expression)*
    private String andExpression() {
        StringBuilder sb = new StringBuilder(withExpression());
        while (peek("AND")) {
            pos++;
            sb.append(" AND ").append(withExpression());
        }
        return sb.toString();
    }

    // with-expression := primary ["WITH" exception-id]
    private String withExpression() {
        String primary = primary();
        if (peek("WITH")) {
            pos++;
            String exception = next("a license exception id after WITH");
            String canonical = EXCEPTIONS.get(exception.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                throw new IllegalArgumentException("'" + exception + "' is not an SPDX license exception id");
            }
            return primary + " WITH " + canonical;
        }
        return primary;
    }

    private String primary() {
        String token = next("a license id");
        if (token.equals("(")) {
            String inner = orExpression();
            if (!peek(")")) {
                throw new IllegalArgumentException("missing ')' in license expression");
            }
            pos++;
            return "(" + inner + ")";
        }
        if (token.equals(")") || isOperator(token)) {
            throw new IllegalArgumentException("expected a license id but found '" + token + "'");
        }
        if (LICENSE_REF.matcher(token).matches()) {
            return token;
        }
        boolean orLater = token.endsWith("+");
        String id = orLater ? token.substring(0, token.length() - 1) : token;
        String canonical = LICENSES.get(id.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            if (isOperator(id.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("operators must be upper case: '" + id + "'");
            }
            throw new IllegalArgumentException("'" + id + "' is not an SPDX license id (see https://spdx.org/licenses/;"
                    + " use LicenseRef-<name> for a licence that is not listed)");
        }
        return orLater ? canonical + "+" : canonical;
    }

    private static boolean isOperator(String token) {
        return token.equals("AND") || token.equals("OR") || token.equals("WITH");
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private String next(String expected) {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("license expression ends where " + expected + " was expected");
        }
        return tokens.get(pos++);
    }

    private static Map<String, String> load(String resource) {
        Map<String, String> ids = new HashMap<>();
        try (InputStream in = SpdxLicense.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    ids.put(line.toLowerCase(Locale.ROOT), line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(ids);
    }
}
