package dev.astrid.ls.cli;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.rules.Rules;
import dev.astrid.ls.service.Docs;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one run, every rule with its metadata taken from its
 * docs page (bundled in the jar), every finding with a region in 1-based UTF-16 columns and its
 * related places (the evidence of a disclosure finding) as {@code relatedLocations}.
 */
final class Sarif {
    private Sarif() {}

    /**
     * The log of one {@code check}; {@code notChecked} names what could not be checked at all (a
     * folder without manifests, an unreadable path), which has no file to hold a result and goes in
     * the invocation's notifications, and {@code complete} is false when anything was not checked.
     */
    static Map<String, Object> log(List<CheckCommand.Finding> findings, List<CheckCommand.Note> notes,
                                   List<String> notChecked, boolean complete, Path base) {
        List<Code> codes = Rules.allCodes();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Code code : codes) {
            rules.add(rule(code));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (CheckCommand.Finding f : findings) {
            Diagnostic d = f.diagnostic();
            Map<String, Object> result = result(d.code().id(), codes.indexOf(d.code()), level(d.severity()), d.message(),
                    f.file(), d.range(), base);
            List<Map<String, Object>> related = new ArrayList<>();
            for (Diagnostic.Related r : d.related()) {
                Path file = Workspace.path(r.uri());
                if (file != null) {
                    Map<String, Object> location = new LinkedHashMap<>();
                    location.put("id", related.size());
                    location.put("physicalLocation", physicalLocation(file, r.range(), base));
                    location.put("message", Map.of("text", r.message()));
                    related.add(location);
                }
            }
            if (!related.isEmpty()) {
                result.put("relatedLocations", related);
            }
            results.add(result);
        }
        if (!notes.isEmpty()) {
            rules.add(updateRule());
            for (CheckCommand.Note n : notes) {
                results.add(result(CheckCommand.Note.CODE, rules.size() - 1, "note", n.message(), n.file(), n.range(),
                        base));
            }
        }
        String version = Sarif.class.getPackage().getImplementationVersion();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "astrid-pack-ls");
        driver.put("semanticVersion", version == null ? "0.0.0-dev" : version);
        driver.put("informationUri", Docs.page("permissions.md"));
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("originalUriBaseIds", Map.of("%SRCROOT%", Map.of("uri", base.toUri().toString())));
        run.put("columnKind", "utf16CodeUnits");
        run.put("results", results);
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", complete);
        invocation.put("toolExecutionNotifications", notChecked.stream()
                .map(p -> Map.of("level", "error", "message", Map.of("text", "not checked: " + p))).toList());
        run.put("invocations", List.of(invocation));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> result(String ruleId, int ruleIndex, String level, String message, Path path,
                                              Range range, Path base) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", ruleId);
        result.put("ruleIndex", ruleIndex);
        result.put("level", level);
        result.put("message", Map.of("text", message));
        result.put("locations", List.of(Map.of("physicalLocation", physicalLocation(path, range, base))));
        return result;
    }

    /** A file (relative to {@code %SRCROOT%} when it is under it) and a region in 1-based UTF-16 columns. */
    private static Map<String, Object> physicalLocation(Path path, Range range, Path base) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", range.start().line() + 1);
        region.put("startColumn", range.start().character() + 1);
        region.put("endLine", range.end().line() + 1);
        region.put("endColumn", range.end().character() + 1);
        Path file = path.toAbsolutePath().normalize();
        String uri = file.startsWith(base) ? relativeUri(base.relativize(file)) : file.toUri().toASCIIString();
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", uri);
        if (file.startsWith(base)) {
            artifact.put("uriBaseId", "%SRCROOT%");
        }
        return ordered("artifactLocation", artifact, "region", region);
    }

    /** The pseudo-rule of {@code check --base} notes: not a check, a line of the update diff. */
    private static Map<String, Object> updateRule() {
        String text = "What the pack's users will be shown as changed, and asked to trust again, when they update "
                + "from the base revision to this one (Astrid's dry-run update diff).";
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", CheckCommand.Note.CODE);
        rule.put("name", camel(CheckCommand.Note.CODE));
        rule.put("shortDescription", Map.of("text", "A change users will see on update."));
        rule.put("fullDescription", Map.of("text", text));
        rule.put("helpUri", Docs.page("update-preview.md"));
        rule.put("defaultConfiguration", Map.of("level", "note"));
        return rule;
    }

    /** A relative path as a URI reference: each segment's UTF-8 bytes percent-encoded but for RFC 3986's unreserved ones. */
    static String relativeUri(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path segment : relative) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            for (byte b : segment.toString().getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", (int) c));
                }
            }
        }
        return out.toString();
    }

    /** A two-key map that prints in this order (Map.of's order changes from run to run). */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFORMATION, HINT -> "note";
        };
    }

    /** A rule's SARIF metadata: the first sentence and paragraph of "What it means", the page as help. */
    private static Map<String, Object> rule(Code code) {
        String page = page(code.id());
        String meaning = section(page, "## What it means");
        String first = meaning.contains(". ") ? meaning.substring(0, meaning.indexOf(". ") + 1) : meaning;
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", code.id());
        rule.put("name", camel(code.id()));
        rule.put("shortDescription", Map.of("text", first.isEmpty() ? code.id() : first));
        rule.put("fullDescription", Map.of("text", meaning.isEmpty() ? code.id() : meaning));
        rule.put("helpUri", Docs.rule(code.id()));
        if (!page.isEmpty()) {
            rule.put("help", ordered("text", page, "markdown", page));
        }
        rule.put("defaultConfiguration", Map.of("level", level(code.defaultSeverity())));
        return rule;
    }

    private static String page(String code) {
        try (InputStream in = Sarif.class.getResourceAsStream("/docs/rules/" + code + ".md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first paragraph under a heading, on one line. */
    private static String section(String page, String heading) {
        int at = page.indexOf(heading);
        if (at < 0) {
            return "";
        }
        String rest = page.substring(at + heading.length()).strip();
        int end = rest.indexOf("\n\n");
        return (end < 0 ? rest : rest.substring(0, end)).replaceAll("\\s+", " ").strip();
    }

    private static String camel(String code) {
        StringBuilder sb = new StringBuilder();
        for (String part : code.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
