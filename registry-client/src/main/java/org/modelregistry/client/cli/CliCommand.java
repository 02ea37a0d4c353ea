package org.modelregistry.client.cli;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.client.Credentials;
import org.modelregistry.client.ProgressListener;
import org.modelregistry.client.Query;
import org.modelregistry.client.RegistryClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the tool's options, its client, its output, and model references. */
abstract class CliCommand implements Callable<Integer> {

    /** Stable JSON for scripts: properties in name order, indented, absent values left out. */
    static final Jsonb JSON = JsonbBuilder.create(
            new JsonbConfig().withFormatting(true).withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    @Spec
    CommandSpec spec;

    RegistryCli cli() {
        return (RegistryCli) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return cli().output == RegistryCli.Format.json;
    }

    ConfigDirectory config() {
        return ConfigDirectory.locate(cli().config, cli().env);
    }

    /**
     * A client for the registry the options name, signed in with $REGISTRY_API_KEY (exchanged and renewed as
     * needed) or else the saved session's token (until it expires: then 'registry login' again).
     */
    RegistryClient client() {
        return client(cli().url);
    }

    /** A client for the registry at {@code url}, else $REGISTRY_URL, else the saved session's URL. */
    RegistryClient client(String registryUrl) {
        Optional<ConfigDirectory.Session> session = config().load(err());
        String url = registryUrl != null
                ? registryUrl
                : cli().env
                        .getOrDefault(
                                "REGISTRY_URL",
                                session.map(ConfigDirectory.Session::url).orElse(null));
        if (url == null || url.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "no registry URL: give --url, set REGISTRY_URL, or log in");
        }
        Credentials credentials;
        String apiKey = cli().env.get("REGISTRY_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            credentials = Credentials.apiKey(apiKey);
        } else if (session.isPresent() && sameRegistry(session.get().url(), url)) {
            credentials = Credentials.token(session.get().token(), session.get().expiresAt());
        } else {
            credentials = Credentials.none();
        }
        try {
            return RegistryClient.builder(url).credentials(credentials).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private static boolean sameRegistry(String a, String b) {
        return a != null && strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * A model given as its id, as {@code group/name}, or as {@code organization/group/name} (when the same group and
     * name exist in several organizations the caller belongs to).
     */
    UUID model(RegistryClient client, String ref) {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            String[] parts = ref.split("/", -1);
            if (parts.length < 2 || parts.length > 3 || List.of(parts).contains("")) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "model: give its id, group/name or organization/group/name, not '" + ref + "'");
            }
            String organization = parts.length == 3 ? parts[0] : null;
            String group = parts[parts.length - 2];
            String name = parts[parts.length - 1];
            List<ModelSummaryDto> found = new ArrayList<>();
            String cursor = null;
            do {
                var page = client.listModels(Query.of("group", group)
                        .and("name", name)
                        .and("limit", 100)
                        .and("cursor", cursor));
                page.items().stream()
                        .filter(m -> m.group().equals(group) && m.name().equals(name))
                        .filter(m -> organization == null || organization.equals(m.organization()))
                        .forEach(found::add);
                cursor = page.nextCursor();
            } while (cursor != null);
            if (found.isEmpty()) {
                throw new CliException(ExitCodes.NOT_FOUND, "model " + ref + " not found");
            }
            if (found.size() > 1) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "model " + ref + " exists in several organizations: give organization/group/name or its id");
            }
            return found.get(0).id();
        }
    }

    /** Prints a result: as JSON, or through the table printer. */
    void print(Object result, Runnable table) {
        if (json()) {
            out().println(JSON.toJson(result));
        } else {
            table.run();
        }
        out().flush();
    }

    /** A progress bar on standard error, only when a person watches a terminal (never in JSON mode or a pipe). */
    ProgressListener progress(String label) {
        if (!cli().terminal || json()) {
            return ProgressListener.NONE;
        }
        return new ProgressBar(err(), label);
    }

    static String text(Object o) {
        return o == null ? "-" : o.toString();
    }
}
