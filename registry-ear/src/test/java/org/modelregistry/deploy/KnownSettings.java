package org.modelregistry.deploy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the registry reads, as {@code docs/configuration.md} lists them: every {@code REGISTRY_*}
 * name and every {@code registry.*} key (as its variable, upper case with '_') written in backticks, with the
 * shorthands of its tables ({@code `.password`} after {@code `registry.search.elasticsearch.username`},
 * {@code `_PASSWORD`} after {@code `REGISTRY_SEARCH_ELASTICSEARCH_USERNAME`}).
 */
final class KnownSettings {

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern ENV = Pattern.compile("REGISTRY_[A-Z0-9_]+");
    private static final Pattern KEY = Pattern.compile("registry\\.[a-z0-9.-]+[a-z0-9]");

    private final Set<String> documented;

    private KnownSettings(Set<String> documented) {
        this.documented = Collections.unmodifiableSet(documented);
    }

    static KnownSettings fromDocs(String configurationMd) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : configurationMd.split("\n")) {
            String lastKey = null;
            String lastEnv = null;
            Matcher m = TICKED.matcher(line);
            while (m.find()) {
                String token = m.group(1).strip();
                if (ENV.matcher(token).matches()) {
                    lastEnv = token;
                    names.add(token);
                } else if (KEY.matcher(token).matches()) {
                    lastKey = token;
                    names.add(toEnv(token));
                } else if (token.matches("\\.[a-z0-9.-]+") && lastKey != null) {
                    names.add(toEnv(lastKey.substring(0, lastKey.lastIndexOf('.')) + token));
                } else if (token.matches("_[A-Z0-9_]+") && lastEnv != null) {
                    names.add(lastEnv.substring(0, lastEnv.lastIndexOf('_')) + token);
                }
            }
        }
        return new KnownSettings(names);
    }

    static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    Set<String> documented() {
        return documented;
    }

    boolean reads(String environmentVariable) {
        return documented.contains(environmentVariable);
    }
}
