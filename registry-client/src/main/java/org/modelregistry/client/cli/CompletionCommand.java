package org.modelregistry.client.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code registry completion [bash|zsh]}: prints the completion script (one script serves both shells). */
@Command(
        name = "completion",
        description = "Print the shell completion script: source <(registry completion bash)"
                + " (zsh: the same, it loads bashcompinit).")
final class CompletionCommand extends CliCommand {

    enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh. Default: ${DEFAULT-VALUE}.")
    Shell shell;

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("registry", spec.root().commandLine()));
        out().flush();
        return ExitCodes.OK;
    }
}
