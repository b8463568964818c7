package dev.astrid.ls.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.ManifestAssert;
import dev.astrid.ls.Reported;
import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.rules.ComponentPermissionsRule;
import dev.astrid.ls.rules.ComponentRule;
import dev.astrid.ls.rules.NetworkRule;
import dev.astrid.ls.rules.SecretsRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.service.Snapshot;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pack: a pack.yaml and its components, on disk and in unsaved buffers. */
class WholePackTest {
    static final Path FIXTURE = Path.of("src/test/resources/packs/weather");

    @TempDir
    Path tmp;
    Path pack;
    Workspace workspace;
    LanguageService service;

    @BeforeEach
    void copyFixture() throws IOException {
        pack = tmp.resolve("weather");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : files.toList()) {
                Path target = pack.resolve(FIXTURE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        workspace = new Workspace();
        workspace.addRoot(tmp);
        service = new LanguageService(workspace);
    }

    String uri(String relative) {
        return Workspace.uri(pack.resolve(relative));
    }

    Snapshot snapshot(String relative) {
        return service.snapshot(uri(relative)).orElseThrow();
    }

    /** "code@line:start-end" for every diagnostic, in document order. */
    List<String> found(String relative) {
        return Reported.record(service.diagnose(uri(relative), Settings.DEFAULTS, CancelChecker.NEVER)).stream()
                .map(WholePackTest::show).toList();
    }

    static String show(Diagnostic d) {
        Range r = d.range();
        return d.code().id() + "@" + r.start().line() + ":" + r.start().character() + "-" + r.end().character();
    }

    Diagnostic first(String relative, Code code) {
        return service.diagnose(uri(relative), Settings.DEFAULTS, CancelChecker.NEVER).stream()
                .filter(d -> d.code() == code).findFirst().orElseThrow(() -> new AssertionError(code.id()));
    }

    @Test
    void aKeystrokeInAReasonStartsFromTheBuffersLastParseAndMovesWhatFollows() {
        String uri = uri("pack.yaml");
        String v1 = "id: weather\npermissions:\n  - id: network\n    reason: Calls api\nname: Weather\n";
        workspace.open(new TextDocument(uri, 1, v1));
        var first = workspace.manifest(uri).orElseThrow().yaml();
        workspace.open(new TextDocument(uri, 2, v1));
        assertTrue(workspace.manifest(uri).orElseThrow().yaml() == first, "the same text keeps the same tree");

        String v3 = v1.replace("Calls api", "Calls api.example.com");
        workspace.open(new TextDocument(uri, 3, v3));
        var manifest = workspace.manifest(uri).orElseThrow();
        var network = (YamlMapping) ((YamlSequence) manifest.root().get("permissions")).items().get(0);
        assertEquals("Calls api.example.com", ((YamlScalar) network.get("reason")).value());
        assertEquals(v3.indexOf("Weather"), manifest.root().get("name").start());
    }

    @Test
    void pairingDiagnosticsAppearExactlyWhereExpected() {
        assertEquals(List.of("secret-without-environment@9:6-21"), found("executors/fetch/executor.yaml"));
        // what the components say they do sits on the pack's permissions key, where the fix goes
        assertEquals(List.of("environment-undeclared@8:0-11", "network-undeclared@8:0-11",
                "permission-without-evidence@9:8-18", "secret-undeclared@14:68-89", "secret-missing-description@16:10-28",
                "secret-without-environment@16:10-28"), found("pack.yaml"));
        assertEquals(List.of("component-kind-missing@1:0-2"), found("executors/render/executor.yaml"));
        assertEquals(List.of("component-id-outside-pack@1:4-18"), found("orchestrators/daily/orchestrator.yaml"));
        assertEquals(List.of("component-pack-id-mismatch@3:9-16"), found("elements/effects/card/element.yaml"));
    }

    @Test
    void diagnosticsPointAtThePacksPermissionsAndCarryFixData() {
        Diagnostic d = first("executors/fetch/executor.yaml", SecretsRule.WITHOUT_ENVIRONMENT);
        assertEquals(uri("pack.yaml"), d.related().get(0).uri());
        assertEquals(8, d.related().get(0).range().start().line());
        assertEquals(Map.of("pack", uri("pack.yaml")), d.data());
        assertTrue(d.message().startsWith("Secret WEATHER_API_KEY is read, but"), d.message());
        Diagnostic id = first("orchestrators/daily/orchestrator.yaml", ComponentRule.ID_OUTSIDE_PACK);
        assertTrue(id.message().contains("'forecast.daily'") && id.message().contains("'weather'"), id.message());
        assertEquals("weather.daily", id.data().get("expected"));
    }

    @Test
    void fixedInAnotherOpenFileWithoutSaving() throws IOException {
        String original = Files.readString(pack.resolve("pack.yaml"));
        String fixed = original.replace("permissions:\n", "permissions:\n"
                + "  - id: environment\n    reason: Reads WEATHER_API_KEY and WEATHER_BACKUP_KEY for Open-Meteo\n"
                + "  - id: network\n    reason: Calls api.open-meteo.com for the forecast\n");
        workspace.open(new TextDocument(uri("pack.yaml"), 2, fixed));
        assertEquals(List.of(), found("executors/fetch/executor.yaml"));
        assertTrue(found("pack.yaml").stream().noneMatch(d -> d.contains("-undeclared@8")), found("pack.yaml").toString());
        assertEquals(original, Files.readString(pack.resolve("pack.yaml")), "nothing was saved");
        workspace.close(uri("pack.yaml"));
        assertEquals(List.of("secret-without-environment@9:6-21"), found("executors/fetch/executor.yaml"),
                "closing the buffer brings the disk text back");
        assertTrue(found("pack.yaml").contains("network-undeclared@8:0-11"));
    }

    @Test
    void aSecretDeclaredInAnUnsavedComponentSatisfiesThePack() {
        String exec = uri("executors/fetch/executor.yaml");
        workspace.open(new TextDocument(exec, 1, "schema_version: 1\nid: weather.fetch\nname: Fetch\nversion: 1.0.0\n"
                + "kind: external\nisolation:\n  secrets_required: [WEATHER_API_KEY, WEATHER_SIGNING_TOKEN]\n"));
        assertEquals(List.of("permission-without-evidence@9:8-18", "permission-without-evidence@13:8-25",
                "secret-missing-description@16:10-28", "secret-without-environment@16:10-28"), found("pack.yaml"),
                "the unsaved component states no network and no pass-through variable; run.py uses nothing");
    }

    @Test
    void environmentWithoutSecretsIsAHintOnlyWhenEverythingParsed() throws IOException {
        Path solo = tmp.resolve("solo");
        Files.createDirectories(solo.resolve("executors/x"));
        Files.writeString(solo.resolve("pack.yaml"), "schema_version: 1\nid: solo\nname: Solo\nversion: 1.0.0\n"
                + "permissions:\n  - id: environment\n    reason: Reads the Open-Meteo region setting\n");
        Files.writeString(solo.resolve("executors/x/executor.yaml"), "schema_version: 1\nid: solo.x\nname: X\n"
                + "version: 1.0.0\nkind: external\n");
        String packUri = Workspace.uri(solo.resolve("pack.yaml"));
        List<Diagnostic> ds = service.diagnose(packUri, Settings.DEFAULTS, CancelChecker.NEVER);
        assertEquals(List.of("environment-without-secrets@5:8-19"), ds.stream().map(WholePackTest::show).toList());
        assertEquals(dev.astrid.ls.core.Severity.HINT, ds.get(0).severity());

        workspace.open(new TextDocument(Workspace.uri(solo.resolve("executors/x/executor.yaml")), 1,
                "schema_version: 1\nid: solo.x\nisolation: {secrets_required: [\n"));
        assertEquals(List.of(), service.diagnose(packUri, Settings.DEFAULTS, CancelChecker.NEVER),
                "a component that does not parse may declare anything: stay silent");
    }

    @Test
    void aComponentWithoutAPackIsCheckedAloneAndThePackRulesStaySilent() throws IOException {
        Path lonely = tmp.resolve("lonely/executors/x");
        Files.createDirectories(lonely);
        Files.writeString(lonely.resolve("executor.yaml"), "schema_version: 1\nid: other.x\nname: X\nversion: 1.0.0\n"
                + "kind: external\nisolation:\n  network: true\n  secrets_required: [API_TOKEN]\n");
        assertEquals(List.of(), service.diagnose(Workspace.uri(lonely.resolve("executor.yaml")), Settings.DEFAULTS,
                CancelChecker.NEVER));
    }

    @Test
    void symlinkLoopsDoNotStopAScanAndALinkedManifestIsReportedNotFollowed() throws IOException {
        Files.createSymbolicLink(pack.resolve("executors/loop"), pack.resolve("executors"));
        Files.createDirectories(pack.resolve("executors/broken"));
        Files.createSymbolicLink(pack.resolve("executors/broken/executor.yaml"), tmp.resolve("does-not-exist.yaml"));
        List<Path> found = new java.util.ArrayList<>();
        workspace.walk(tmp, found::add, false, problem -> { throw new AssertionError(problem); });
        assertEquals(6, found.size(), "the five fixture manifests and the link, each once; links are not followed: "
                + found);
        assertEquals(List.of("manifest-not-checked@0:0-0"), found("executors/broken/executor.yaml"));
        assertTrue(service.diagnose(uri("executors/broken/executor.yaml"), Settings.DEFAULTS, CancelChecker.NEVER)
                .get(0).message().contains("symbolic link"));
        assertEquals(List.of("secret-without-environment@9:6-21"), found("executors/fetch/executor.yaml"));
    }

    @Test
    void aLinkedPackManifestIsNeverReadEvenWhenItPointsOutsideTheWorkspace() throws IOException {
        Path outside = Files.createTempDirectory("astrid-outside");
        Path secret = Files.writeString(outside.resolve("pack.yaml"), "schema_version: 1\nid: weather\nname: SECRET\n"
                + "version: 1.0.0\npermissions: []\n");
        Files.delete(pack.resolve("pack.yaml"));
        Files.createSymbolicLink(pack.resolve("pack.yaml"), secret);
        assertEquals(List.of("manifest-not-checked@0:0-0"), found("pack.yaml"));
        assertTrue(service.trustSummary(snapshot("executors/fetch/executor.yaml")).orElseThrow().indexOf("SECRET") < 0,
                "the linked file's content is shown nowhere");
        assertEquals(List.of("component-kind-missing@1:0-2"), found("executors/render/executor.yaml"),
                "components of a pack whose manifest was not read are checked alone");
    }

    @Test
    void nothingAboveTheWorkspaceRootsIsRead() throws IOException {
        Workspace narrow = new Workspace();
        narrow.addRoot(pack.resolve("executors"));
        LanguageService s = new LanguageService(narrow);
        assertTrue(s.snapshot(uri("executors/fetch/executor.yaml")).orElseThrow().pack() == null,
                "the pack.yaml above the root is not looked at");
        assertTrue(s.snapshot(uri("pack.yaml")).isEmpty(), "nor read when asked for");

        Workspace none = new Workspace();
        none.open(new TextDocument("file:///pack.yaml", 1, "schema_version: 1\nid: root\nname: R\nversion: 1.0.0\n"));
        Snapshot unsaved = new LanguageService(none).snapshot("file:///pack.yaml").orElseThrow();
        assertEquals(List.of(), unsaved.pack().components(), "an unsaved /pack.yaml does not walk /");
        assertTrue(!unsaved.pack().files().onDisk(), "nor asks / about the files it names");
    }

    @Test
    void hoverOnASecretShowsEveryPlaceThatNamesIt() throws IOException {
        String text = Files.readString(pack.resolve("executors/fetch/executor.yaml"));
        int offset = text.indexOf("WEATHER_API_KEY") + 3;
        String md = service.hover(snapshot("executors/fetch/executor.yaml"), offset, CancelChecker.NEVER).orElseThrow().markdown();
        assertTrue(md.contains("[executors/fetch/executor.yaml:10](" + uri("executors/fetch/executor.yaml") + "#L10)"
                + ": `isolation.secrets_required`"), md);
        assertTrue(md.contains("[pack.yaml:15](" + uri("pack.yaml") + "#L15): mentioned in a permission reason"), md);
        assertTrue(md.contains("does **not** declare the `environment` permission"), md);
        assertTrue(md.contains("Secrets are not permissions"), md);

        String packText = Files.readString(pack.resolve("pack.yaml"));
        int mention = packText.indexOf("WEATHER_API_KEY") + 1;
        var hover = service.hover(snapshot("pack.yaml"), mention, CancelChecker.NEVER).orElseThrow();
        assertEquals("WEATHER_API_KEY", packText.substring(hover.start(), hover.end()));
    }

    @Test
    void trustSummaryPreviewMatchesAstridsFormat() throws IOException {
        String summary = service.trustSummary(snapshot("executors/fetch/executor.yaml")).orElseThrow()
                .replace(pack.toString(), "<pack>");
        assertEquals(Files.readString(Path.of("src/test/resources/packs/weather.trust-summary.txt")), summary);
        assertEquals("✖ Astrid would reject this pack: 3 errors (open the trust summary to see them)",
                service.trustHeadline(snapshot("pack.yaml")).orElseThrow());
        assertTrue(service.trustHeadline(snapshot("executors/fetch/executor.yaml")).isEmpty(), "the lens is on pack.yaml");
    }

    @Test
    void aPackAstridAcceptsGetsTheUsualHeadline() throws IOException {
        workspace.open(new TextDocument(uri("pack.yaml"), 2, "schema_version: 1\nid: weather\nname: Weather\n"
                + "version: 2.0.0\npermissions: []\n"));
        for (String broken : List.of("executors/render/executor.yaml", "orchestrators/daily/orchestrator.yaml",
                "elements/effects/card/element.yaml", "executors/fetch/executor.yaml")) {
            Files.delete(pack.resolve(broken));
            workspace.changed(pack.resolve(broken));
        }
        assertEquals(List.of(), service.rejections(snapshot("pack.yaml").pack(), CancelChecker.NEVER));
        assertTrue(service.trustHeadline(snapshot("pack.yaml")).orElseThrow().startsWith("Trust summary: 0 permissions"));
        assertTrue(service.trustSummary(snapshot("pack.yaml")).orElseThrow().startsWith("━━━ Trust Summary ━━━\n"));
    }

    @Test
    void trustSummaryUsesUnsavedText() {
        workspace.open(new TextDocument(uri("pack.yaml"), 2, "schema_version: 1\nid: weather\nname: Weather\n"
                + "version: 2.0.0\npermissions: []\n"));
        String summary = service.trustSummary(snapshot("pack.yaml")).orElseThrow();
        assertTrue(summary.contains("  Version:       2.0.0\n"), summary);
        assertTrue(summary.contains("  Permissions:\n    - none declared\n"), summary);
    }

    String fix(String relative, Code code, String title) {
        return ManifestAssert.actions(service, snapshot(relative), code, false).stream()
                .filter(a -> a.fix().title().equals(title)).findFirst().orElseThrow(() -> new AssertionError(title))
                .fix().edits().stream().map(e -> e.uri().substring(e.uri().indexOf("/weather/") + 9) + "@" + e.start()
                        + "-" + e.end() + ":" + e.newText()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void permissionsMoveFromAComponentToThePackInOneWorkspaceEditLosingNoWord() throws IOException {
        String exec = "schema_version: 1\nid: weather.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\n"
                + "permissions:\n  - id: network   # forecasts\n    reason: 'Calls api.open-meteo.com'\n"
                + "  - id: subprocess\n    reason: Runs curl\nisolation:\n  network: true\n";
        Files.writeString(pack.resolve("executors/fetch/executor.yaml"), exec);
        String packText = Files.readString(pack.resolve("pack.yaml"));
        int afterLastItem = packText.indexOf("\nsecrets:");
        int reason = packText.indexOf("reason: Runs ffmpeg") + "reason:".length();
        int reasonEnd = packText.indexOf("\n", reason);
        assertEquals("pack.yaml@" + reason + "-" + reasonEnd + ": Runs ffmpeg to encode the forecast card; Runs curl\n"
                        + "pack.yaml@" + afterLastItem + "-" + afterLastItem + ":\n"
                        + "  - id: network   # forecasts\n    reason: 'Calls api.open-meteo.com'\n"
                        + "executors/fetch/executor.yaml@" + exec.indexOf("permissions:") + "-" + exec.indexOf("isolation:")
                        + ":\n",
                fix("executors/fetch/executor.yaml", ComponentPermissionsRule.IN_COMPONENT,
                        "Move these permissions to pack.yaml, merging 'subprocess' into the existing declaration"),
                "network is copied as written (comment, quoting); the pack's subprocess gains the component's reason");
    }

    @Test
    void environmentAndNetworkAreAddedToThePackFromAComponent() throws IOException {
        String packText = Files.readString(pack.resolve("pack.yaml"));
        int end = packText.indexOf("\nsecrets:");
        assertEquals("pack.yaml@" + end + "-" + end + ":\n  - id: environment\n"
                        + "    reason: Reads WEATHER_API_KEY and WEATHER_BACKUP_KEY from the environment\n",
                fix("executors/fetch/executor.yaml", SecretsRule.WITHOUT_ENVIRONMENT,
                        "Add the environment permission to the pack"));
        assertEquals("pack.yaml@" + end + "-" + end + ":\n  - id: network\n    reason: \"\"\n",
                fix("pack.yaml", NetworkRule.UNDECLARED, "Add the network permission to the pack"),
                "isolation.network names no host: the author writes the reason");
    }

    @Test
    void hoverOnThePackIdShowsTheTrustSummary() throws IOException {
        String text = Files.readString(pack.resolve("pack.yaml"));
        String md = service.hover(snapshot("pack.yaml"), text.indexOf("weather"), CancelChecker.NEVER).orElseThrow().markdown();
        assertTrue(md.contains("━━━ Trust Summary ━━━") && md.contains("    - sandbox=none"), md);
    }

    @Test
    void onlyExactLowercaseNamesAreManifestsAsAstridIsCaseSensitive() throws IOException {
        ManifestAssert.assertNoDiagnostics("demo/pack.YAML", "id: [\n");
        ManifestAssert.assertNoDiagnostics("demo/Executor.yaml", "id: [\n");
        Files.move(pack.resolve("executors/render/executor.yaml"), pack.resolve("executors/render/executor.YML"));
        List<Path> found = new java.util.ArrayList<>();
        workspace.walk(pack, found::add, false, problem -> { });
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.stream().noneMatch(p -> p.toString().endsWith(".YML")));
    }
}
