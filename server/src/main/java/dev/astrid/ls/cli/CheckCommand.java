package dev.astrid.ls.cli;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.Position;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code check PATH…}: the language service's diagnostics for every manifest found, for CI. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the pack manifests in the given files or folders. Exit code 1 when any error was "
                + "found, 0 otherwise, 2 on bad usage. --format text (file:line:col: severity code: message), json "
                + "(an array with 0-based LSP positions) or sarif (SARIF 2.1.0 for code scanning).")
public final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, sarif }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Manifest files or folders to search.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Finding(Path file, Diagnostic diagnostic) {}

    @Override
    public Integer call() throws IOException {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No such file or folder: " + p);
            }
        }
        Workspace workspace = new Workspace();
        LanguageService service = new LanguageService(workspace);
        List<Finding> findings = new ArrayList<>();
        for (Path file : manifests(workspace)) {
            for (Diagnostic d : service.diagnose(Workspace.uri(file), Settings.DEFAULTS, CancelChecker.NEVER)) {
                findings.add(new Finding(file, d));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.sarif) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(
                    Sarif.log(findings, Path.of("").toAbsolutePath())));
        } else if (format == Format.json) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(
                    findings.stream().map(CheckCommand::toJson).toList()));
        } else {
            for (Finding f : findings) {
                Diagnostic d = f.diagnostic();
                out.printf("%s:%d:%d: %s %s: %s%n", f.file(), d.range().start().line() + 1,
                        d.range().start().character() + 1, d.severity().label(), d.code().id(), d.message());
            }
        }
        out.flush();
        return findings.stream().anyMatch(f -> f.diagnostic().severity() == Severity.ERROR) ? 1 : 0;
    }

    /**
     * The manifests under the given paths, found exactly as the server finds them in a workspace,
     * and shown relative to the path the user gave.
     */
    private List<Path> manifests(Workspace workspace) {
        List<Path> files = new ArrayList<>();
        for (Path root : paths) {
            if (Files.isRegularFile(root)) {
                files.add(root);
            } else {
                Path absolute = root.toAbsolutePath().normalize();
                workspace.walk(absolute, f -> files.add(root.resolve(absolute.relativize(f))), false);
            }
        }
        files.sort(null);
        return files;
    }

    private static Map<String, Object> position(Position p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", p.line());
        out.put("character", p.character());
        return out;
    }

    private static Map<String, Object> toJson(Finding f) {
        Diagnostic d = f.diagnostic();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.file().toString());
        // ordered maps: the same findings must print the same bytes, run after run
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start", position(d.range().start()));
        range.put("end", position(d.range().end()));
        m.put("range", range);
        m.put("severity", d.severity().label());
        m.put("code", d.code().id());
        m.put("message", d.message());
        return m;
    }
}
