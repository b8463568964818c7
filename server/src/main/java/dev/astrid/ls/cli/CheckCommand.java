package dev.astrid.ls.cli;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.rules.Limits;
import dev.astrid.ls.rules.PythonFilesRule;
import dev.astrid.ls.rules.SchemaRule;
import dev.astrid.ls.rules.YamlRule;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.Position;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.update.UpdateDiff;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code check PATH…}: the language service's diagnostics for every manifest found, for CI. Fails
 * closed, with actionlint's exit codes: 0 clean, 1 findings, 2 bad usage, 3 could not check.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the pack manifests in the given files or folders. Exit code 0: no errors; 1: errors "
                + "found; 2: bad usage; 3: something could not be checked (an unreadable or linked manifest, a "
                + "folder with no manifests, a file that is not one, a file too large or too deep to check, pack "
                + "code that could not be read), "
                + "which wins over 1. --format text (file:line:col: severity code: message), json (an array with "
                + "0-based LSP positions) or sarif (SARIF 2.1.0 for code scanning). --base REF adds, as notes, what "
                + "each pack's users will see change on update from git revision REF; notes never change the exit "
                + "code.")
public final class CheckCommand implements Callable<Integer> {
    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int COULD_NOT_CHECK = 3;

    /** Findings that mean the file, or part of it, was not checked at all. */
    static final Set<Code> NOT_CHECKED = Set.of(Limits.NOT_CHECKED, YamlRule.TOO_LARGE, YamlRule.TOO_DEEP,
            SchemaRule.TOO_COMPLEX, PythonFilesRule.UNREADABLE);

    /**
     * The defaults, failing closed: pack code that could not be read is information in the editor,
     * where the author sees the file, and an error here, where nobody does.
     */
    static final Settings SETTINGS = Settings.from(Map.of("severity", Map.of(PythonFilesRule.UNREADABLE.id(), "error")));

    enum Format { text, json, sarif }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Manifest files or folders to search.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--base", paramLabel = "REF",
            description = "A git revision (origin/main, a release tag…): add Astrid's update diff from it as notes.")
    String base;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Finding(Path file, Diagnostic diagnostic) {}

    /** A line of a pack's update diff, on its pack manifest: information, never a failure. */
    record Note(Path file, Range range, String message) {
        static final String CODE = "update-diff";
    }

    @Override
    public Integer call() throws IOException {
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "No such file or folder: " + Strings.printable(p.toString()));
            }
        }
        // What `check` may read: the working directory, the folders given and those of the files given,
        // never above them.
        Workspace workspace = new Workspace();
        workspace.addRoot(Path.of(""));
        paths.forEach(p -> workspace.addRoot(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? p
                : p.toAbsolutePath().normalize().getParent()));
        List<String> problems = new ArrayList<>();
        Map<String, Path> shown = new LinkedHashMap<>();
        for (Path file : manifests(workspace, problems)) {
            shown.put(Workspace.uri(file), file);
        }
        List<Finding> findings = new ArrayList<>();
        new LanguageService(workspace).diagnoseAll(List.copyOf(shown.keySet()), SETTINGS, CancelChecker.NEVER,
                (uri, found) -> found.forEach(d -> findings.add(new Finding(shown.get(uri), d))));
        List<Note> notes = base == null ? List.of() : updateNotes(workspace, List.copyOf(shown.values()));
        boolean complete = problems.isEmpty()
                && findings.stream().noneMatch(f -> NOT_CHECKED.contains(f.diagnostic().code()));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.sarif) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(
                    Sarif.log(findings, notes, problems, complete, Path.of("").toAbsolutePath())));
        } else if (format == Format.json) {
            List<Map<String, Object>> json = new ArrayList<>(findings.stream().map(CheckCommand::toJson).toList());
            notes.forEach(n -> json.add(toJson(n.file(), n.range(), "note", Note.CODE, n.message())));
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } else {
            for (Finding f : findings) {
                Diagnostic d = f.diagnostic();
                out.printf("%s:%d:%d: %s %s: %s%n", Strings.printable(f.file().toString()), d.range().start().line() + 1,
                        d.range().start().character() + 1, d.severity().label(), d.code().id(),
                        Strings.printable(d.message()));
            }
            for (Note n : notes) {
                out.printf("%s:%d:%d: note %s: %s%n", Strings.printable(n.file().toString()), n.range().start().line() + 1,
                        n.range().start().character() + 1, Note.CODE, Strings.printable(n.message()));
            }
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("astrid-pack-ls: not checked: " + Strings.printable(p)));
        err.flush();
        if (!complete) {
            return COULD_NOT_CHECK;
        }
        return findings.stream().anyMatch(f -> f.diagnostic().severity() == Severity.ERROR) ? FINDINGS : CLEAN;
    }

    /**
     * The manifests under the given paths, found exactly as the server finds them in a workspace,
     * and shown relative to the path the user gave. A named file must have a manifest's name; a
     * named folder must hold at least one manifest.
     */
    private List<Path> manifests(Workspace workspace, List<String> problems) {
        List<Path> files = new ArrayList<>();
        for (Path given : paths) {
            if (!Files.isDirectory(given, LinkOption.NOFOLLOW_LINKS)) {
                if (ManifestKind.of(given.getFileName().toString()).isPresent()) {
                    files.add(given); // read (or reported as unreadable, linked, not a file) like any manifest
                } else {
                    problems.add(given + ": not a manifest (pack, executor, orchestrator or element, as .yaml, .yml "
                            + "or .json)");
                }
                continue;
            }
            Path absolute = given.toAbsolutePath().normalize();
            int before = files.size();
            workspace.walk(absolute, f -> files.add(given.resolve(absolute.relativize(f))), false,
                    problem -> problems.add(problem));
            if (files.size() == before) {
                problems.add(given + ": no manifests found");
            }
        }
        Map<Path, Boolean> seen = new HashMap<>();
        List<Path> unique = new ArrayList<>();
        for (Path f : files) {
            if (seen.put(f.toAbsolutePath().normalize(), true) == null) {
                unique.add(f);
            }
        }
        unique.sort(null);
        return unique;
    }

    private static Map<String, Object> position(Position p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", p.line());
        out.put("character", p.character());
        return out;
    }

    /**
     * The update diff of every pack the checked manifests belong to, as notes on its pack
     * manifest: one per change, or one saying why there is no diff (no repository, a new pack…).
     */
    private List<Note> updateNotes(Workspace workspace, List<Path> files) {
        Map<Path, Path> shown = new HashMap<>();
        Set<Path> roots = new TreeSet<>();
        for (Path f : files) {
            shown.put(f.toAbsolutePath().normalize(), f);
            workspace.packRootOf(Workspace.uri(f)).ifPresent(roots::add);
        }
        List<Note> notes = new ArrayList<>();
        for (Path root : roots) {
            PackView pack = workspace.pack(root).orElse(null);
            if (pack == null) {
                continue;
            }
            TextDocument doc = pack.pack().document();
            Path manifest = Workspace.path(doc.uri());
            Path file = shown.getOrDefault(manifest, manifest);
            UpdatePreview preview = TrustSummaryCommand.preview(pack, base);
            if (!(preview instanceof UpdatePreview.Changes)) {
                notes.add(new Note(file, Range.of(0, 0, 0, 0), preview.text().strip()));
            }
            for (UpdateDiff.Note n : preview.notes()) {
                Range range = n.node() == null ? Range.of(0, 0, 0, 0) : doc.rangeOf(n.node().start(), n.node().end());
                notes.add(new Note(file, range, n.message()));
            }
        }
        return notes;
    }

    private static Map<String, Object> toJson(Finding f) {
        Diagnostic d = f.diagnostic();
        return toJson(f.file(), d.range(), d.severity().label(), d.code().id(), d.message());
    }

    private static Map<String, Object> toJson(Path file, Range r, String severity, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        // ordered maps: the same findings must print the same bytes, run after run
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start", position(r.start()));
        range.put("end", position(r.end()));
        m.put("range", range);
        m.put("severity", severity);
        m.put("code", code);
        m.put("message", message);
        return m;
    }
}
