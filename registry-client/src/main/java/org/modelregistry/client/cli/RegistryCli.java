package org.modelregistry.client.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.modelregistry.client.ProblemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code registry}: the command-line tool. {@link #main} runs it for a shell; {@link #commandLine} builds it with
 * another environment, input and terminal flag for tests that run it in-process. Every failure ends as one line on
 * standard error and an exit code of {@link ExitCodes}; a stack trace only with {@code --debug}.
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        versionProvider = RegistryCli.Version.class,
        description = "The AI Model Registry from the command line.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            ModelsCommand.class,
            VersionsCommand.class,
            ArtifactsCommand.class,
            SearchCommand.class,
            AliasesCommand.class,
            AuditCommand.class,
            EvidenceCommand.class,
            ImportCommand.class,
            CompletionCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:bad command line or input (the field is named)",
            "2:not found",
            "3:not signed in, token expired, or not allowed",
            "4:conflict: the object's state forbids it",
            "5:registry unreachable or failing",
            "6:integrity check failed (digest, signature, audit chain)"
        })
public final class RegistryCli {

    /** How results are printed. */
    enum Format {
        table,
        json
    }

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The registry (default: $REGISTRY_URL, else the URL of the last login).")
    String url;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Configuration directory (default: $XDG_CONFIG_HOME/model-registry or"
                    + " ~/.config/model-registry).")
    Path config;

    @Option(
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (for people) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    Format output;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure (for a bug report).")
    boolean debug;

    final Map<String, String> env;
    final InputStream in;
    final boolean terminal;

    RegistryCli(Map<String, String> env, InputStream in, boolean terminal) {
        this.env = env;
        this.in = in;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), System.in, System.console() != null)
                .execute(args));
    }

    /**
     * The tool, wired to an environment (for REGISTRY_URL, REGISTRY_API_KEY, XDG_CONFIG_HOME, HOME), standard input
     * (for --password-stdin) and whether a person is watching (progress bars, password prompts).
     */
    public static CommandLine commandLine(Map<String, String> env, InputStream in, boolean terminal) {
        RegistryCli cli = new RegistryCli(env, in, terminal);
        CommandLine cl = new CommandLine(cli);
        ImportCommand.describeUrl(
                cl.getSubcommands().get("import").getSubcommands().get("mlflow").getCommandSpec());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (cli.debug) {
                e.printStackTrace(err);
            }
            err.println("registry: " + message(e));
            err.flush();
            return ExitCodes.of(e);
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("registry: " + e.getMessage());
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static String message(Exception e) {
        if (e instanceof ProblemException.Unauthorized p) {
            return p.getMessage() + " (run 'registry login')";
        }
        if (e instanceof ProblemException p && p.requestId() != null && p.status() >= 500) {
            return p.getMessage() + " [request " + p.requestId() + "]";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The version of the jar the tool runs from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RegistryCli.class.getPackage().getImplementationVersion();
            return new String[] {"registry " + (v == null ? "(development build)" : v)};
        }
    }
}
