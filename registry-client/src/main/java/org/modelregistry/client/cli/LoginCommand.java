package org.modelregistry.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelregistry.client.Credentials;
import org.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code registry login}: exchanges a password (asked on the terminal, or read from standard input) or an API key
 * (from standard input) for a token and saves only the token, with the URL, user and expiry.
 */
@Command(
        name = "login",
        description = "Sign in and save the token (never the password) in the configuration directory.")
final class LoginCommand extends CliCommand {

    @Option(
            names = {"-u", "--username"},
            description = "The user (asked when a terminal is attached and it is left out).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(
            names = "--api-key-stdin",
            description = "Sign in as a service account: read its API key from standard input.")
    boolean apiKeyStdin;

    @Override
    public Integer call() throws IOException {
        String url = cli().url != null ? cli().url : cli().env.get("REGISTRY_URL");
        if (url == null || url.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--url: which registry? (or set REGISTRY_URL)");
        }
        if (passwordStdin && apiKeyStdin) {
            throw new CliException(ExitCodes.USAGE, "--password-stdin and --api-key-stdin: give one of them");
        }
        Credentials credentials;
        String who;
        if (apiKeyStdin) {
            String key = firstLine();
            if (key == null || key.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "--api-key-stdin: standard input held no API key");
            }
            credentials = Credentials.apiKey(key.trim());
            who = "service account";
        } else {
            Console console = cli().terminal ? System.console() : null;
            if (username == null && console != null) {
                username = console.readLine("Username: ");
            }
            if (username == null || username.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "--username: who signs in?");
            }
            char[] password;
            if (passwordStdin) {
                String line = firstLine();
                password = line == null ? new char[0] : line.toCharArray();
            } else if (console != null) {
                password = console.readPassword("Password for %s: ", username);
            } else {
                throw new CliException(
                        ExitCodes.USAGE, "no terminal to ask the password on: pipe it in with --password-stdin");
            }
            if (password == null || password.length == 0) {
                throw new CliException(ExitCodes.USAGE, "password: none given");
            }
            credentials = Credentials.password(username, password);
            Arrays.fill(password, '\0');
            who = username;
        }
        RegistryClient client;
        try {
            client = RegistryClient.builder(url).credentials(credentials).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--url: " + e.getMessage());
        }
        RegistryClient.Session session = client.session();
        ConfigDirectory config = config();
        config.save(new ConfigDirectory.Session(url, who, session.token(), session.expiresAt()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", url);
        result.put("user", who);
        result.put("expiresAt", String.valueOf(session.expiresAt()));
        result.put("sessionFile", config.sessionFile().toString());
        print(
                result,
                () -> out().println("Signed in to " + url + " as " + who + " until " + session.expiresAt()
                        + " (token saved in " + config.sessionFile() + ")"));
        return ExitCodes.OK;
    }

    private String firstLine() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(cli().in, StandardCharsets.UTF_8));
        return reader.readLine();
    }
}
