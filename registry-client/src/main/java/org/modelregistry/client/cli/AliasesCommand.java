package org.modelregistry.client.cli;

import java.util.List;
import java.util.Map;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.MoveAliasRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code registry aliases list|set|delete}: the names (production, staging...) that point at versions. */
@Command(
        name = "aliases",
        description = "List, set and delete a model's aliases.",
        subcommands = {AliasesCommand.ListAliases.class, AliasesCommand.Set.class, AliasesCommand.Delete.class})
final class AliasesCommand {

    @Command(name = "list", description = "Where each alias points (listAliases).")
    static final class ListAliases extends ModelCommand {
        @Override
        public Integer call() {
            resolve();
            List<AliasDto> aliases = client.listAliases(modelId);
            print(aliases, () -> {
                Table t = Table.of("ALIAS", "VERSION", "MOVED BY", "MOVED AT", "APPROVED BY");
                aliases.forEach(a -> t.row(a.alias(), a.version(), a.movedBy(), a.movedAt(), a.approvedBy()));
                t.print(out());
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", description = "Point an alias at a version (moveAlias).")
    static final class Set extends ModelCommand {
        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Parameters(index = "2", paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() {
            resolve();
            AliasDto a = client.moveAlias(modelId, alias, new MoveAliasRequest(version));
            print(a, () -> out().println(a.alias() + " -> " + a.version()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Remove an alias (deleteAlias).")
    static final class Delete extends ModelCommand {
        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Override
        public Integer call() {
            resolve();
            client.deleteAlias(modelId, alias);
            print(Map.of("alias", alias, "deleted", true), () -> out().println(alias + " deleted"));
            return ExitCodes.OK;
        }
    }
}
