package org.modelregistry.client.cli;

import picocli.CommandLine.Parameters;

/** A command on one version: MODEL VERSION. */
abstract class VersionCommand extends ModelCommand {

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version, such as 1.0.0.")
    String version;
}
