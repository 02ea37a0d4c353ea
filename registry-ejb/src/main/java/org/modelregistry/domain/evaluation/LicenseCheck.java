package org.modelregistry.domain.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LICENSE: every artifact declares an SPDX licence expression on the suite's allow-list. An expression passes when
 * every licence it names is allowed ({@code MIT OR Apache-2.0} with both allowed; {@code Apache-2.0 WITH
 * LLVM-exception} needs {@code Apache-2.0}); an artifact without a licence fails.
 */
public final class LicenseCheck {

    private LicenseCheck() {}

    /** @param licenses artifact name to its licence expression (null when it declares none) */
    public static CheckOutcome check(Map<String, String> licenses, Set<String> allowed) {
        List<String> offending = new ArrayList<>();
        Map<String, Object> measured = new LinkedHashMap<>();
        licenses.forEach((artifact, expression) -> {
            measured.put(artifact, expression == null ? "(none)" : expression);
            if (expression == null || !allowed.containsAll(named(expression))) {
                offending.add(artifact + " (" + (expression == null ? "no licence" : expression) + ")");
            }
        });
        return offending.isEmpty()
                ? CheckOutcome.passed(measured, licenses.size() + " artifacts, every licence allowed")
                : CheckOutcome.failed(measured, "not on the allow-list: " + String.join(", ", offending));
    }

    /** The licence ids an SPDX expression names (exceptions after WITH are not licences). */
    static List<String> named(String expression) {
        List<String> ids = new ArrayList<>();
        String[] tokens = expression.replace("(", " ").replace(")", " ").trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equalsIgnoreCase("AND") || t.equalsIgnoreCase("OR")) {
                continue;
            }
            if (t.equalsIgnoreCase("WITH")) {
                i++; // skip the exception
                continue;
            }
            ids.add(t.endsWith("+") ? t.substring(0, t.length() - 1) : t);
        }
        return ids;
    }
}
