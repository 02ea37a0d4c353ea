package org.modelregistry.client.cli;

import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code registry audit verify}: has the server's audit chain been changed? Exit 6 when it is not intact. */
@Command(
        name = "audit",
        description = "Check the audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    @Command(
            name = "verify",
            description = "Recompute the audit chain and check it against the signed checkpoints (verifyAuditChain);"
                    + " exit 6 when it is not intact.")
    static final class Verify extends CliCommand {
        @Option(names = "--from", paramLabel = "TIME", description = "ISO-8601 date-time.")
        String from;

        @Option(names = "--to", paramLabel = "TIME")
        String to;

        @Option(names = "--organization", paramLabel = "SLUG")
        String organization;

        @Override
        public Integer call() {
            AuditVerification v = client().verifyAuditChain(
                            Query.of("from", from).and("to", to).and("organization", organization));
            print(
                    v,
                    () -> Table.fields(
                            out(),
                            "intact",
                            v.intact(),
                            "chained",
                            v.chained(),
                            "unchained",
                            v.unchained(),
                            "head",
                            v.headSeq(),
                            "checkpoints",
                            v.checkpointsChecked(),
                            "firstBroken",
                            v.firstBrokenSeq() == null ? null : v.firstBrokenSeq() + " " + v.firstBrokenReason(),
                            "checkpointProblem",
                            v.checkpointProblem(),
                            "truncated",
                            v.truncated(),
                            "problems",
                            v.problems() == null || v.problems().isEmpty() ? null : String.join("; ", v.problems())));
            if (!v.intact()) {
                err().println("registry: the audit chain is NOT intact");
                return ExitCodes.INTEGRITY;
            }
            return ExitCodes.OK;
        }
    }
}
