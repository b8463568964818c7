package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.rules.Diagnostic;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Quick fixes for diagnostics, from the diagnostic's code and data (never its message), and the
 * safe subset that {@code source.fixAll} applies at once.
 */
public final class CodeActionService {

    public List<Fix> fixes(Manifest m, PackView pack, Diagnostic d, boolean snippets) {
        List<Fix> out = new ArrayList<>();
        TextDocument doc = m.document();
        int start = doc.offsetAt(d.range().start());
        YamlScalar scalar = YamlEdits.scalarAt(m, start);
        switch (d.code()) {
            case "permission-unknown-id" -> {
                List<?> suggestions = (List<?>) d.data().getOrDefault("suggestions", List.of());
                String given = String.valueOf(d.data().getOrDefault("id", ""));
                for (int i = 0; i < suggestions.size() && scalar != null; i++) {
                    String s = (String) suggestions.get(i);
                    out.add(new Fix("Change to '" + s + "'", d.code(), i == 0, i == 0 && s.equalsIgnoreCase(given), false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.scalar(m, s)))));
                }
            }
            case "permission-missing-reason" -> missingReason(m, start, d, snippets).ifPresent(out::add);
            case "schema-wrong-type" -> {
                if ("string".equals(d.data().get("expected")) && scalar != null
                        && scalar.style() == YamlScalar.Style.PLAIN && !scalar.value().isEmpty()) {
                    out.add(new Fix("Quote it: \"" + scalar.value() + "\"", d.code(), true, true, false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.quoted(scalar.value())))));
                }
            }
            case "permission-duplicate-id" -> {
                if (m.get("permissions") instanceof YamlSequence list && scalar != null) {
                    YamlMapping item = YamlEdits.itemOf(scalar, list);
                    if (item != null) {
                        out.add(new Fix("Remove this duplicate '" + scalar.value() + "' permission", d.code(), true,
                                false, false, List.of(YamlEdits.deleteItem(m, list, item))));
                    }
                }
            }
            case "permission-unknown-field", "schema-unknown-key" -> {
                Object suggestion = d.data().get("suggestion");
                String key = String.valueOf(d.data().getOrDefault("field", d.data().get("key")));
                if (suggestion instanceof String s && scalar != null) {
                    out.add(new Fix("Rename '" + key + "' to '" + s + "'", d.code(), true, s.equalsIgnoreCase(key), false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.scalar(m, s)))));
                }
            }
            case "schema-invalid-value", "secret-invalid-name" -> {
                if (d.data().get("suggestion") instanceof String s && scalar != null && !s.equals(scalar.value())) {
                    out.add(new Fix("Change to '" + s + "'", d.code(), true, false, false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.scalar(m, s)))));
                }
            }
            case "component-id-outside-pack", "component-pack-id-mismatch" -> {
                if (d.data().get("expected") instanceof String s && scalar != null) {
                    out.add(new Fix("Change to '" + s + "'", d.code(), true, false, false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.scalar(m, s)))));
                }
            }
            case "pack-id-folder-mismatch" -> {
                if (d.data().get("folder") instanceof String folder && folder.matches("[a-z][a-z0-9_]*") && scalar != null) {
                    out.add(new Fix("Change the id to '" + folder + "'", d.code(), true, false, false,
                            List.of(YamlEdits.replace(m, scalar, YamlEdits.scalar(m, folder)))));
                }
            }
            case "component-kind-missing" -> {
                for (String kind : List.of("external", "built_in")) {
                    out.add(new Fix("Add kind: " + kind, d.code(), kind.equals("external"), false, false,
                            List.of(addTopLevelKey(m, "kind", kind))));
                }
            }
            case "schema-version-missing" -> out.add(new Fix("Add schema_version: 1", d.code(), true, true, false,
                    List.of(addTopLevelKey(m, "schema_version", "1"))));
            case "permissions-in-component" -> {
                if (pack != null) {
                    movePermissions(m, pack).ifPresent(out::add);
                }
            }
            case "secret-without-environment" -> {
                if (pack != null && d.data().get("secrets") instanceof List<?> names && !names.isEmpty()) {
                    String reason = "Reads " + join(names) + " from the environment";
                    out.add(new Fix("Add the environment permission to the pack", d.code(), true, false, false,
                            List.of(YamlEdits.appendItem(pack.pack(), "permissions", List.of(
                                    Map.entry("id", YamlEdits.scalar(pack.pack(), "environment")),
                                    Map.entry("reason", YamlEdits.scalar(pack.pack(), reason)))))));
                }
            }
            case "network-undeclared" -> {
                if (pack != null) {
                    out.add(new Fix("Add the network permission to the pack", d.code(), true, false, false,
                            List.of(YamlEdits.appendItem(pack.pack(), "permissions", List.of(
                                    Map.entry("id", YamlEdits.scalar(pack.pack(), "network")),
                                    Map.entry("reason", "\"\""))))));
                }
            }
            case "secret-undeclared" -> {
                if (d.data().get("name") instanceof String name) {
                    Manifest target = pack != null ? pack.pack() : m;
                    out.add(new Fix("Declare " + name + " in the pack's secrets", d.code(), true, false, false,
                            List.of(YamlEdits.appendItem(target, "secrets", List.of(
                                    Map.entry("name", YamlEdits.scalar(target, name)),
                                    Map.entry("required", "true"))))));
                }
            }
            default -> {
                // no obvious repair; suppression below still applies
            }
        }
        if (!YamlEdits.isJson(m)) {
            int line = d.range().start().line();
            out.add(new Fix("Suppress " + d.code() + " on this line", d.code(), false, false, false,
                    List.of(YamlEdits.lineAbove(m, line, Suppressions.PREFIX + "disable-next-line " + d.code()))));
            out.add(new Fix("Suppress " + d.code() + " in this file", d.code(), false, false, false,
                    List.of(new Edit(doc.uri(), 0, 0, Suppressions.PREFIX + "disable-file " + d.code() + "\n"))));
        }
        return out;
    }

    /** The safe fixes of all the diagnostics, non-overlapping, in this document only. */
    public List<Edit> fixAll(Manifest m, PackView pack, List<Diagnostic> diagnostics) {
        List<Edit> edits = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            fixes(m, pack, d, false).stream().filter(Fix::safe).findFirst().ifPresent(f -> {
                if (f.edits().stream().allMatch(e -> e.uri().equals(m.document().uri()))) {
                    edits.addAll(f.edits());
                }
            });
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        List<Edit> out = new ArrayList<>();
        int end = -1;
        for (Edit e : edits) {
            if (e.start() >= end) {
                out.add(e);
                end = Math.max(e.end(), e.start() + 1);
            }
        }
        return out;
    }

    private static String join(List<?> names) {
        List<String> s = names.stream().map(String::valueOf).toList();
        return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    private static java.util.Optional<Fix> missingReason(Manifest m, int offset, Diagnostic d, boolean snippets) {
        if (!(m.get("permissions") instanceof YamlSequence list)) {
            return java.util.Optional.empty();
        }
        YamlNode at = m.yaml().nodeAt(offset);
        YamlMapping item = at == null ? null : YamlEdits.itemOf(at, list);
        if (item == null || item.entries().isEmpty()) {
            return java.util.Optional.empty();
        }
        String id = item.get("id") instanceof YamlScalar s ? s.value() : "it";
        String value = snippets ? "${1:why the pack needs " + id + "}" : "";
        TextDocument doc = m.document();
        Edit edit;
        if (item.isFlow()) {
            int close = item.end() - 1;
            edit = new Edit(doc.uri(), close, close, ", " + (YamlEdits.isJson(m) ? "\"reason\": \"" + value + "\""
                    : "reason: " + (snippets ? value : "\"\"")));
        } else {
            int keys = YamlEdits.column(doc, item.start());
            int lineEnd = doc.lineEnd(YamlEdits.lastLine(doc, item));
            edit = new Edit(doc.uri(), lineEnd, lineEnd, "\n" + YamlEdits.indent(keys) + "reason: " + value);
        }
        return java.util.Optional.of(new Fix("Add a reason for '" + id + "'", d.code(), true, false, snippets,
                List.of(edit)));
    }

    /** A top-level key inserted first in the file (or after the opening brace of JSON text). */
    private static Edit addTopLevelKey(Manifest m, String key, String value) {
        TextDocument doc = m.document();
        if (YamlEdits.isJson(m)) {
            int brace = m.root().start() + 1;
            return new Edit(doc.uri(), brace, brace, YamlEdits.quoted(key) + ": " + (value.matches("\\d+") ? value
                    : YamlEdits.quoted(value)) + (m.root().entries().isEmpty() ? "" : ", "));
        }
        YamlMapping root = m.root();
        if (key.equals("kind") && root != null && root.entry("id") != null) {
            int line = YamlEdits.lastLine(doc, root.entry("id").value());
            int at = doc.lineEnd(line);
            return new Edit(doc.uri(), at, at, "\n" + key + ": " + value);
        }
        int at = root != null && !root.entries().isEmpty() ? doc.lineStart(doc.positionAt(root.start()).line()) : 0;
        return new Edit(doc.uri(), at, at, key + ": " + value + "\n");
    }

    /**
     * Moves a component's {@code permissions} block into the pack manifest: the items keep their
     * text (re-indented), except those whose id the pack already declares.
     */
    private static java.util.Optional<Fix> movePermissions(Manifest component, PackView pack) {
        YamlMapping root = component.root();
        YamlMapping.Entry entry = root == null ? null : root.entry("permissions");
        if (entry == null) {
            return java.util.Optional.empty();
        }
        TextDocument doc = component.document();
        List<Edit> edits = new ArrayList<>();
        int firstLine = doc.positionAt(entry.key().start()).line();
        int lastLine = YamlEdits.lastLine(doc, entry.value());
        int end = lastLine + 1 < doc.lineCount() ? doc.lineStart(lastLine + 1) : doc.text().length();
        edits.add(new Edit(doc.uri(), doc.lineStart(firstLine), end, ""));

        java.util.Set<String> declared = new java.util.HashSet<>();
        if (pack.pack().get("permissions") instanceof YamlSequence existing) {
            for (YamlNode i : existing.items()) {
                if (i instanceof YamlMapping map && map.get("id") instanceof YamlScalar s) {
                    declared.add(s.value());
                }
            }
        }
        List<List<Map.Entry<String, String>>> moved = new ArrayList<>();
        if (entry.value() instanceof YamlSequence list) {
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlMapping map)) {
                    continue;
                }
                String id = map.get("id") instanceof YamlScalar s ? s.value() : null;
                if (id != null && !declared.add(id)) {
                    continue;
                }
                List<Map.Entry<String, String>> fields = new ArrayList<>();
                for (YamlMapping.Entry e : map.entries()) {
                    String source = doc.text().substring(e.value().start(), e.value().end()).strip();
                    if (e.value() instanceof YamlScalar s && s.style() != YamlScalar.Style.LITERAL
                            && s.style() != YamlScalar.Style.FOLDED && !source.contains("\n")) {
                        fields.add(Map.entry(e.keyText(), YamlEdits.isJson(pack.pack())
                                ? YamlEdits.quoted(s.value()) : source));
                    } else if (e.value() instanceof YamlScalar s) {
                        fields.add(Map.entry(e.keyText(), YamlEdits.scalar(pack.pack(), s.value())));
                    } else if (e.value() instanceof YamlSequence seq) {
                        fields.add(Map.entry(e.keyText(), seq.items().stream()
                                .map(v -> v instanceof YamlScalar s ? YamlEdits.scalar(pack.pack(), s.value()) : "\"\"")
                                .collect(java.util.stream.Collectors.joining(", ", "[", "]"))));
                    }
                }
                moved.add(fields);
            }
        }
        if (!moved.isEmpty()) {
            edits.add(YamlEdits.appendItems(pack.pack(), "permissions", moved));
        }
        return java.util.Optional.of(new Fix("Move these permissions to the pack's " + fileName(pack.pack()),
                "permissions-in-component", true, false, false, edits));
    }

    private static String fileName(Manifest m) {
        String uri = m.document().uri();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }
}
