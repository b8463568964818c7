package dev.astrid.ls.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real manifests from Astrid's repositories (copied byte for byte, see corpus/SOURCES.md): every
 * one Astrid accepts gets zero errors, and no real reason is called vague.
 */
public class CorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("astrid.corpus", "src/test/resources/corpus"));

    /** Manifests judged invalid, each with the codes of the errors it must get and why. */
    static final Map<String, List<Code>> INVALID = Map.of(
            // `version: 1.0` is a float; Astrid requires a string
            "peteromallet-Astrid/tests/fixtures/c12_cpu_pack/pack.yaml", List.of(SchemaRule.WRONG_TYPE),
            // a negative test fixture of Astrid's: min_migration must be at least 1
            "banodoco-ArtAgents/tests/fixtures/canonical_pack_v2/invalid/dependency/pack.yaml",
            List.of(SchemaRule.INVALID_VALUE),
            // a negative test fixture of Astrid's: a resource path escaping the pack
            "banodoco-ArtAgents/tests/fixtures/canonical_pack_v2/invalid/traversal/pack.yaml",
            List.of(SchemaRule.INVALID_VALUE));

    static List<Path> manifests(String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(p -> p.getFileName().toString().equals(fileName)).sorted().toList();
        }
    }

    /** The corpus is the workspace: its files are read from disk, with their packs. */
    static final LanguageService SERVICE = new LanguageService(workspace());

    static Workspace workspace() {
        Workspace w = new Workspace();
        w.addRoot(CORPUS);
        return w;
    }

    /**
     * The corpus copies manifests only (see SOURCES.md), not the code, docs and resources they
     * name, so the checks Astrid makes on disk are off here; their own tests build whole packs, and
     * {@link #theOnDiskChecksOnlyMissFilesTheCorpusDidNotCopy} shows what they find here.
     */
    public static final Settings MANIFESTS_ONLY = Settings.from(Map.of("severity", PackFilesRule.DISK.stream()
            .collect(java.util.stream.Collectors.toMap(Code::id, c -> "off"))));

    /** Diagnostics as the server gives them for the file on disk, with its pack around it. */
    static List<Diagnostic> diagnose(Path file) {
        return diagnose(file, MANIFESTS_ONLY);
    }

    static List<Diagnostic> diagnose(Path file, Settings settings) {
        return Reported.record(SERVICE.diagnose(Workspace.uri(file), settings, CancelChecker.NEVER));
    }

    @Test
    void everyAcceptedManifestHasZeroErrors() throws IOException {
        List<Path> packs = new java.util.ArrayList<>();
        for (String name : List.of("pack.yaml", "executor.yaml", "orchestrator.yaml", "element.yaml")) {
            packs.addAll(manifests(name));
        }
        assertTrue(packs.size() >= 90, "corpus has " + packs.size() + " manifests");
        Map<String, List<Code>> errors = new TreeMap<>();
        for (Path p : packs) {
            List<Code> codes = diagnose(p).stream().filter(d -> d.severity() == Severity.ERROR)
                    .map(Diagnostic::code).toList();
            if (!codes.isEmpty()) {
                errors.put(CORPUS.relativize(p).toString(), codes);
            }
        }
        assertEquals(new TreeMap<>(INVALID), errors);
    }

    /** The schema_version 3 packs (runpod, fal, discord_local, foley, moirae) are among them, with structure checked. */
    @Test
    void theV3PacksAreCheckedAndAccepted() throws IOException {
        List<Path> v3 = new java.util.ArrayList<>();
        for (Path p : manifests("pack.yaml")) {
            if (Files.readString(p).matches("(?s)(.*\\n)?schema_version:\\s*3\\s*\\n.*")) {
                v3.add(p);
            }
        }
        assertTrue(v3.size() >= 5, "v3 packs: " + v3);
        for (Path p : v3) {
            assertEquals(List.of(), diagnose(p).stream().filter(d -> d.severity() == Severity.ERROR).toList(), p.toString());
            assertTrue(diagnose(p).stream().noneMatch(d -> d.code() == SchemaVersionRule.VERSION_UNSUPPORTED), p.toString());
        }
    }

    /**
     * With the on-disk checks on, every finding is a file the corpus did not copy: never a symlink,
     * a second manifest or a folder where a file belongs, which the corpus would show if present.
     */
    @Test
    void theOnDiskChecksOnlyMissFilesTheCorpusDidNotCopy() throws IOException {
        int found = 0;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path p : files.filter(f -> dev.astrid.ls.model.ManifestKind.of(f.toString()).isPresent()).toList()) {
                for (Diagnostic d : diagnose(p, Settings.DEFAULTS)) {
                    if (PackFilesRule.DISK.contains(d.code())) {
                        found++;
                        assertTrue(List.of(PackFilesRule.MISSING, PackFilesRule.MISSING_ACCEPTED, PackFilesRule.STAGE_MISSING,
                                PackFilesRule.COMPONENT_MISSING).contains(d.code()), p + ": " + d.message());
                    }
                }
            }
        }
        assertTrue(found > 0, "the corpus names files it does not hold");
    }

    /** Pairing codes per corpus file, for packs whose pairing we know by reading them. */
    @Test
    void pairingDiagnosticsOnRealPacks() {
        java.util.function.Function<String, List<String>> pairing = rel -> diagnose(CORPUS.resolve(rel)).stream()
                .filter(d -> d.code().id().startsWith("secret-") || d.code().id().startsWith("environment-")
                        || d.code().id().startsWith("network-"))
                .map(d -> d.code().id() + "@" + (d.range().start().line() + 1)).toList();
        // foley (schema_version 3) declares neither environment nor network, yet foley_map reads two
        // secrets and sets isolation.network: the network finding sits on the pack's permissions.
        assertEquals(List.of("secret-without-environment@31", "secret-without-environment@32"),
                pairing.apply("peteromallet-Astrid-agent/astrid/packs/foley/orchestrators/foley_map/orchestrator.yaml"));
        assertEquals(List.of("network-undeclared@10"), pairing.apply("peteromallet-Astrid-agent/astrid/packs/foley/pack.yaml"));
        // hivemind, generation, h3_av and media disclose what they read.
        for (String pack : List.of("peteromallet-Astrid/astrid/packs/hivemind", "peteromallet-Astrid/astrid/packs/generation",
                "peteromallet-Astrid/astrid/packs/h3_av", "banodoco-ArtAgents/examples/packs/media")) {
            try (Stream<Path> files = Files.walk(CORPUS.resolve(pack))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertEquals(List.of(), pairing.apply(CORPUS.relativize(f).toString()), f.toString());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The vague-reason audit: every permission reason of the corpus's real packs is specific enough.
     * False positives the audit found and fixed (see VagueReasonRuleTest): a dotfile (".env") read as
     * the generic word "env"; host:port and paths likewise.
     */
    @Test
    void noRealReasonIsCalledVague() throws IOException {
        int reasons = 0;
        for (Path p : manifests("pack.yaml")) {
            reasons += Permissions.items(SERVICE.snapshot(Workspace.uri(p)).orElseThrow().manifest()).stream()
                    .filter(i -> i.get("reason") != null).count();
            List<Diagnostic> vague = diagnose(p).stream().filter(d -> d.code() == VagueReasonRule.VAGUE_REASON).toList();
            assertEquals(List.of(), vague, p.toString());
        }
        assertTrue(reasons >= 50, "the audit covers " + reasons + " real reasons");
    }
}
