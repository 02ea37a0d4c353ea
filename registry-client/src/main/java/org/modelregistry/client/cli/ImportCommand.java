package org.modelregistry.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.client.imports.HuggingFaceImport;
import org.modelregistry.client.imports.HuggingFaceRepository;
import org.modelregistry.client.imports.ImportReport;
import org.modelregistry.client.imports.MlflowImport;
import org.modelregistry.client.imports.MlflowSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code registry import mlflow|huggingface}: the options and the report; the imports themselves are the SDK's
 * ({@code org.modelregistry.client.imports}).
 */
@Command(
        name = "import",
        description = "Copy models in from an MLflow server or a Hugging Face-style repository (idempotent).",
        subcommands = {ImportCommand.Mlflow.class, ImportCommand.HuggingFace.class})
final class ImportCommand {

    private ImportCommand() {}

    @Command(
            name = "mlflow",
            description = "Copy the registered models, versions (as DRAFTs), tags, aliases and artifacts of an MLflow"
                    + " server. Run it again: what was imported is skipped.")
    static final class Mlflow extends CliCommand {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Option(
                names = "--token",
                paramLabel = "TOKEN",
                description = "The MLflow server's bearer token (default: $MLFLOW_TRACKING_TOKEN).")
        String token;

        @Option(
                names = "--username",
                paramLabel = "USER",
                description = "HTTP Basic user (default: $MLFLOW_TRACKING_USERNAME); the password from"
                        + " --password-stdin or $MLFLOW_TRACKING_PASSWORD.")
        String username;

        @Option(names = "--password-stdin", description = "Read the MLflow password from standard input.")
        boolean passwordStdin;

        @Option(
                names = "--registry",
                paramLabel = "URL",
                description = "The registry to import into (default: $REGISTRY_URL, else the URL of the last login).")
        String registry;

        @Option(names = "--organization", description = "The target organization's slug (default: your only one).")
        String organization;

        @Option(
                names = "--group",
                defaultValue = "mlflow",
                description = "The group of MLflow names without one ('fraud'; 'risk/fraud' keeps 'risk')."
                        + " Default: ${DEFAULT-VALUE}.")
        String group;

        @Option(
                names = "--risk-tier",
                paramLabel = "TIER",
                defaultValue = "MEDIUM",
                description = "The risk tier of new models without a risk_tier tag. Default: ${DEFAULT-VALUE}.")
        RiskTier riskTier;

        @Option(names = "--dry-run", description = "Report what would be copied; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            String url = cli().url;
            if (url == null || url.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "--url: the MLflow server to import from is required");
            }
            MlflowSource source = credentials(MlflowSource.of(url));
            ImportReport report = new MlflowImport(
                            source, client(registry), new MlflowImport.Options(organization, group, riskTier, dryRun))
                    .run();
            return finish(this, report);
        }

        private MlflowSource credentials(MlflowSource source) throws IOException {
            Map<String, String> env = cli().env;
            String user = username != null ? username : env.get("MLFLOW_TRACKING_USERNAME");
            if (token != null && username != null) {
                throw new CliException(ExitCodes.USAGE, "give --token or --username, not both");
            }
            if (token != null) {
                return source.withToken(token);
            }
            if (user != null) {
                String password;
                if (passwordStdin) {
                    password = new BufferedReader(new InputStreamReader(cli().in, StandardCharsets.UTF_8)).readLine();
                } else {
                    password = env.get("MLFLOW_TRACKING_PASSWORD");
                }
                if (password == null || password.isEmpty()) {
                    throw new CliException(
                            ExitCodes.USAGE,
                            "--username needs a password: --password-stdin or $MLFLOW_TRACKING_PASSWORD");
                }
                return source.withBasic(user, password);
            }
            String envToken = env.get("MLFLOW_TRACKING_TOKEN");
            return envToken == null || envToken.isBlank() ? source : source.withToken(envToken);
        }
    }

    @Command(
            name = "huggingface",
            aliases = "hf",
            description = "Import a Hugging Face-style model repository on disk (config.json, README.md with a YAML"
                    + " model card, *.safetensors/*.bin/*.onnx weights) as one DRAFT version with its files as"
                    + " artifacts. Run it again: what was imported is skipped, a changed file is a conflict.")
    static final class HuggingFace extends CliCommand {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Parameters(paramLabel = "DIRECTORY", description = "The repository's directory.")
        Path directory;

        @Option(
                names = "--model",
                required = true,
                paramLabel = "GROUP/NAME",
                description = "The model to import into (registered when it is not there).")
        String model;

        @Option(
                names = "--version",
                defaultValue = "1.0.0",
                paramLabel = "VERSION",
                description = "The version to create. Default: ${DEFAULT-VALUE}.")
        String version;

        @Option(names = "--organization", description = "The target organization's slug (default: your only one).")
        String organization;

        @Option(
                names = "--risk-tier",
                paramLabel = "TIER",
                defaultValue = "MEDIUM",
                description = "The risk tier of a model registered by the import. Default: ${DEFAULT-VALUE}.")
        RiskTier riskTier;

        @Option(names = "--dry-run", description = "Report what would be copied; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            HuggingFaceRepository repository = HuggingFaceRepository.read(directory);
            ImportReport report = new HuggingFaceImport(
                            repository,
                            client(),
                            new HuggingFaceImport.Options(model, version, organization, riskTier, dryRun))
                    .run();
            return finish(this, report);
        }
    }

    /**
     * On the {@code mlflow} command the tool's {@code --url} names the MLflow server (as MLFLOW_TRACKING_URI does);
     * the registry is {@code --registry}. The option stays the inherited one, with this command's description.
     */
    static void describeUrl(CommandSpec mlflow) {
        OptionSpec url = mlflow.findOption("--url");
        if (url != null) {
            mlflow.remove(url);
            mlflow.addOption(OptionSpec.builder(url)
                    .paramLabel("MLFLOW_URL")
                    .description("The MLflow server to import from (its tracking URI), required.")
                    .build());
        }
    }

    /** Prints the report and returns the exit code: the first failure's, else 4 for a conflict, else 0. */
    private static int finish(CliCommand c, ImportReport report) {
        c.print(report.toJson(), () -> {
            Table counts = Table.of("KIND", "CREATED", "PLANNED", "SKIPPED", "CONFLICT", "NOT_IMPORTED", "FAILED");
            report.counts()
                    .forEach((kind, n) -> counts.row(
                            kind,
                            n.getOrDefault(ImportReport.Outcome.CREATED, 0),
                            n.getOrDefault(ImportReport.Outcome.PLANNED, 0),
                            n.getOrDefault(ImportReport.Outcome.SKIPPED, 0),
                            n.getOrDefault(ImportReport.Outcome.CONFLICT, 0),
                            n.getOrDefault(ImportReport.Outcome.NOT_IMPORTED, 0),
                            n.getOrDefault(ImportReport.Outcome.FAILED, 0)));
            counts.print(c.out());
            for (ImportReport.Item i : report.items()) {
                if (i.outcome() != ImportReport.Outcome.CREATED
                        && i.outcome() != ImportReport.Outcome.PLANNED
                        && i.outcome() != ImportReport.Outcome.SKIPPED) {
                    c.out().println(i.outcome() + " " + i.kind() + " " + i.name() + ": " + i.reason());
                }
            }
            if (report.dryRun()) {
                c.out().println("Dry run: nothing was changed.");
            }
        });
        var failure = report.firstFailure();
        if (failure.isPresent()) {
            c.err()
                    .println("registry: " + failure.get().kind() + " "
                            + failure.get().name() + " failed: " + failure.get().reason());
            c.err().flush();
            RuntimeException cause = failure.get().cause();
            return cause == null ? ExitCodes.UNAVAILABLE : ExitCodes.of(cause);
        }
        return report.hasConflicts() ? ExitCodes.CONFLICT : ExitCodes.OK;
    }
}
