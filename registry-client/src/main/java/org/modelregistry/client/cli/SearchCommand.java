package org.modelregistry.client.cli;

import java.util.List;
import org.modelregistry.api.search.SearchResultDto;
import org.modelregistry.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry search}: full-text search over models, versions and artifacts. */
@Command(name = "search", description = "Search the catalog (searchCatalog).")
final class SearchCommand extends CliCommand {

    @Parameters(paramLabel = "WORDS", arity = "0..*", description = "What to look for.")
    List<String> words;

    @Option(names = "--type", description = "model, version or artifact.")
    String type;

    @Option(names = "--risk-tier", paramLabel = "TIER")
    String riskTier;

    @Option(names = "--state")
    String state;

    @Option(names = "--tag")
    String tag;

    @Option(names = "--limit", defaultValue = "20")
    int limit;

    @Option(names = "--cursor")
    String cursor;

    @Override
    public Integer call() {
        SearchResultDto r = client().searchCatalog(Query.of("q", words == null ? null : String.join(" ", words))
                .and("type", type)
                .and("riskTier", riskTier)
                .and("state", state)
                .and("tag", tag)
                .and("limit", limit)
                .and("cursor", cursor));
        print(r, () -> {
            Table t = Table.of("TYPE", "MODEL", "GROUP", "NAME", "VERSION", "STATE", "SCORE");
            r.items()
                    .forEach(h -> t.row(
                            h.type(),
                            h.modelId(),
                            h.group(),
                            h.name(),
                            h.version(),
                            h.state(),
                            String.format("%.2f", h.score())));
            t.print(out());
            out().println(r.total() + " hits" + (r.nextCursor() == null ? "" : "; more: --cursor " + r.nextCursor()));
        });
        return ExitCodes.OK;
    }
}
