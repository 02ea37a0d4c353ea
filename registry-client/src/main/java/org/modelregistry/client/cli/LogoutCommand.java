package org.modelregistry.client.cli;

import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code registry logout}: forgets the saved token. */
@Command(name = "logout", description = "Delete the saved token.")
final class LogoutCommand extends CliCommand {

    @Override
    public Integer call() throws IOException {
        ConfigDirectory config = config();
        boolean deleted = config.delete();
        print(
                Map.of("loggedOut", deleted, "sessionFile", config.sessionFile().toString()),
                () -> out().println(deleted ? "Logged out (" + config.sessionFile() + " deleted)" : "Not logged in"));
        return ExitCodes.OK;
    }
}
