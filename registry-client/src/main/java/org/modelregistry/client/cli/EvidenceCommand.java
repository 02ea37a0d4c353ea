package org.modelregistry.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelregistry.client.EvidenceBundle;
import org.modelregistry.client.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code registry evidence download|verify}: an auditor's copy of what the registry holds about a version, and its
 * offline check against a key the auditor trusts.
 */
@Command(
        name = "evidence",
        description = "Download a version's signed evidence bundle, and check one offline.",
        subcommands = {EvidenceCommand.Download.class, EvidenceCommand.Verify.class})
final class EvidenceCommand {

    @Command(name = "download", description = "Save the evidence bundle of a version (getVersionEvidence).")
    static final class Download extends VersionCommand {
        @Option(names = "--to", paramLabel = "FILE", description = "Default: <model>-<version>-evidence.zip.")
        Path to;

        @Option(
                names = "--save-key",
                paramLabel = "FILE",
                description = "Also save the registry's public signing key (PEM) there, to check bundles later.")
        Path saveKey;

        @Override
        public Integer call() throws IOException {
            resolve();
            Path target = to != null ? to : Path.of(modelId + "-" + version + "-evidence.zip");
            client.getVersionEvidence(modelId, version, target);
            if (saveKey != null) {
                Files.writeString(saveKey, client.getSigningKeyPem(), StandardCharsets.UTF_8);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", target.toString());
            result.put("size", Files.size(target));
            if (saveKey != null) {
                result.put("key", saveKey.toString());
            }
            print(
                    result,
                    () -> Table.fields(
                            out(),
                            "file",
                            target,
                            "size",
                            result.get("size"),
                            "key",
                            saveKey == null ? null : saveKey));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "verify",
            description = "Check a bundle offline (no server): its signature against the key you trust, the signed"
                    + " manifest, every file's SHA-256, the audit checkpoint. Exit 6 when anything fails.")
    static final class Verify extends CliCommand {
        @Parameters(paramLabel = "BUNDLE", description = "The zip 'evidence download' saved.")
        Path bundle;

        @Option(
                names = "--key",
                required = true,
                paramLabel = "FILE",
                description = "The registry's public key you trust: PEM (signing-key.pem) or JWKS (jwks).")
        Path key;

        @Override
        public Integer call() {
            TrustedKeys keys;
            EvidenceBundle evidence;
            try {
                keys = TrustedKeys.read(key);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "--key: " + e.getMessage());
            }
            try {
                evidence = EvidenceBundle.read(bundle);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "BUNDLE: " + e.getMessage());
            }
            EvidenceBundle.Report r = evidence.verify(keys);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", r.valid());
            result.put("modelId", r.modelId());
            result.put("version", r.version());
            result.put("createdAt", r.createdAt());
            result.put("keyId", r.keyId());
            result.put("contentDigest", r.contentDigest());
            result.put("checked", r.checked());
            result.put("failures", r.failures());
            print(result, () -> {
                r.checked().forEach(c -> out().println("ok    " + c));
                r.failures().forEach(f -> out().println("FAIL  " + f));
                out().println(
                                r.valid()
                                        ? "The bundle of " + r.modelId() + " " + r.version()
                                                + " is intact and signed by the key given."
                                        : "The bundle is NOT intact.");
            });
            return r.valid() ? ExitCodes.OK : ExitCodes.INTEGRITY;
        }
    }
}
