package org.modelregistry.client.cli;

import java.util.UUID;
import org.modelregistry.client.RegistryClient;
import picocli.CommandLine.Parameters;

/** A command on one model (MODEL, its first parameter): aliases, and through {@link VersionCommand} versions. */
abstract class ModelCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id or group/name.")
    String model;

    RegistryClient client;
    UUID modelId;

    /** Connects and finds the model. */
    void resolve() {
        client = client();
        modelId = model(client, model);
    }
}
