package org.modelregistry.client.cli;

import java.util.List;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.common.Page;
import org.modelregistry.client.Query;
import org.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry models list|show|create}. */
@Command(
        name = "models",
        description = "List, show and register models.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Create.class})
final class ModelsCommand {

    @Command(name = "list", description = "List the models you may see (listModels).")
    static final class ListModels extends CliCommand {
        @Option(names = "--group")
        String group;

        @Option(names = "--name")
        String name;

        @Option(names = "--tag")
        String tag;

        @Option(names = "--owner")
        String owner;

        @Option(names = "--risk-tier", paramLabel = "TIER")
        RiskTier riskTier;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Option(names = "--cursor", description = "Continue where the previous page ended.")
        String cursor;

        @Override
        public Integer call() {
            Page<ModelSummaryDto> page = client().listModels(Query.of("group", group)
                    .and("name", name)
                    .and("tag", tag)
                    .and("owner", owner)
                    .and("riskTier", riskTier)
                    .and("limit", limit)
                    .and("cursor", cursor));
            print(page, () -> {
                Table t = Table.of("ID", "ORGANIZATION", "GROUP", "NAME", "RISK", "LATEST", "STATE");
                for (ModelSummaryDto m : page.items()) {
                    t.row(
                            m.id(),
                            m.organization(),
                            m.group(),
                            m.name(),
                            m.riskTier(),
                            m.latestVersion(),
                            m.latestState());
                }
                t.print(out());
                if (page.nextCursor() != null) {
                    out().println("More: --cursor " + page.nextCursor());
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a model (getModel).")
    static final class Show extends CliCommand {
        @Parameters(paramLabel = "MODEL", description = "The model's id or group/name.")
        String model;

        @Override
        public Integer call() {
            RegistryClient client = client();
            ModelDto m = client.getModel(model(client, model));
            print(m, () -> show(this, m));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = "Register a model (createModel).")
    static final class Create extends CliCommand {
        @Option(names = "--organization", description = "Its organization's slug (default: your only one).")
        String organization;

        @Option(names = "--group", required = true)
        String group;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--risk-tier", paramLabel = "TIER", description = "LOW, MEDIUM, HIGH or CRITICAL.")
        RiskTier riskTier;

        @Option(names = "--description")
        String description;

        @Option(names = "--owner", description = "An owner (repeat for several; default: you).")
        List<String> owners;

        @Option(names = "--tag", description = "A tag (repeat for several).")
        List<String> tags;

        @Override
        public Integer call() {
            ModelDto m = client().createModel(
                            new CreateModelRequest(organization, group, name, description, owners, riskTier, tags));
            print(m, () -> show(this, m));
            return ExitCodes.OK;
        }
    }

    static void show(CliCommand c, ModelDto m) {
        Table.fields(
                c.out(),
                "id",
                m.id(),
                "organization",
                m.organization(),
                "group",
                m.group(),
                "name",
                m.name(),
                "riskTier",
                m.riskTier(),
                "owners",
                String.join(", ", m.owners() == null ? List.of() : m.owners()),
                "tags",
                String.join(", ", m.tags() == null ? List.of() : m.tags()),
                "description",
                m.description(),
                "createdBy",
                m.createdBy(),
                "createdAt",
                m.createdAt());
    }
}
