package org.modelregistry.client.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.deployment.DeployRequest;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.governance.DecisionRequest;
import org.modelregistry.api.governance.TransitionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code registry versions create|show|submit|approve|deploy}. */
@Command(
        name = "versions",
        description = "Create versions and move them through review to deployment.",
        subcommands = {
            VersionsCommand.Create.class,
            VersionsCommand.Show.class,
            VersionsCommand.Submit.class,
            VersionsCommand.Approve.class,
            VersionsCommand.Deploy.class
        })
final class VersionsCommand {

    @Command(name = "create", description = "Create a DRAFT version (createVersion).")
    static final class Create extends VersionCommand {
        @Option(names = "--description")
        String description;

        @Option(names = "--commit", paramLabel = "SHA", description = "The commit it was built from.")
        String commitSha;

        @Option(names = "--source-uri", paramLabel = "URI")
        String sourceUri;

        @Option(
                names = "--metadata",
                paramLabel = "JSON",
                description = "A JSON object, or @FILE to read one (metrics, parameters, framework...).")
        String metadata;

        @Override
        public Integer call() throws IOException {
            JsonObject meta = metadata == null ? null : readMetadata(metadata);
            resolve();
            ModelVersionDto v = client.createVersion(
                    modelId, new CreateVersionRequest(version, commitSha, meta, description, sourceUri));
            print(v, () -> show(this, v));
            return ExitCodes.OK;
        }

        private static JsonObject readMetadata(String value) throws IOException {
            String text = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            } catch (JsonParsingException | ClassCastException e) {
                throw new CliException(ExitCodes.USAGE, "--metadata: not a JSON object (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "show", description = "Show a version (getVersion).")
    static final class Show extends VersionCommand {
        @Override
        public Integer call() {
            resolve();
            ModelVersionDto v = client.getVersion(modelId, version);
            print(v, () -> show(this, v));
            return ExitCodes.OK;
        }
    }

    @Command(name = "submit", description = "Submit a DRAFT version for review: to IN_REVIEW (transitionVersion).")
    static final class Submit extends VersionCommand {
        @Option(names = "--comment")
        String comment;

        @Override
        public Integer call() {
            resolve();
            ModelVersionDto v =
                    client.transitionVersion(modelId, version, new TransitionRequest(VersionState.IN_REVIEW, comment));
            print(v, () -> show(this, v));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "approve",
            description = "Approve a version in review as a reviewer who is not its owner (decideApproval).")
    static final class Approve extends VersionCommand {
        @Option(names = "--comment")
        String comment;

        @Override
        public Integer call() {
            resolve();
            ApprovalDto a = client.decideApproval(modelId, version, new DecisionRequest(Decision.APPROVE, comment));
            print(
                    a,
                    () -> Table.fields(
                            out(),
                            "version",
                            a.version(),
                            "decision",
                            a.decision(),
                            "reviewer",
                            a.reviewer(),
                            "round",
                            a.reviewRound(),
                            "state",
                            a.versionState(),
                            "heldBy",
                            a.heldBy() == null || a.heldBy().isEmpty() ? null : String.join(", ", a.heldBy()),
                            "expiresAt",
                            a.expiresAt()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "deploy", description = "Deploy an APPROVED version to a target (deployVersion).")
    static final class Deploy extends VersionCommand {
        @Option(names = "--target", required = true, description = "The deployment target's name.")
        String target;

        @Override
        public Integer call() {
            resolve();
            DeploymentDto d = client.deployVersion(modelId, version, new DeployRequest(target));
            print(
                    d,
                    () -> Table.fields(
                            out(),
                            "deployment",
                            d.id(),
                            "version",
                            d.version(),
                            "target",
                            d.target(),
                            "environment",
                            d.environment(),
                            "state",
                            d.state(),
                            "requestedBy",
                            d.requestedBy()));
            return ExitCodes.OK;
        }
    }

    static void show(CliCommand c, ModelVersionDto v) {
        Table.fields(
                c.out(),
                "model",
                v.modelId(),
                "version",
                v.version(),
                "state",
                v.state(),
                "description",
                v.description(),
                "commit",
                v.commitSha(),
                "sourceUri",
                v.sourceUri(),
                "approvedDigest",
                v.approvedDigest(),
                "createdBy",
                v.createdBy(),
                "updatedAt",
                v.updatedAt());
    }
}
