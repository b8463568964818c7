package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of the pack's {@code permissions} list, mirroring what Astrid's validator rejects:
 * each message leads with the finding, then quotes Astrid's own wording with its field path.
 */
@AutoService(Rule.class)
public final class PermissionShapeRule implements Rule {
    public static final Code NOT_LIST = Code.error("permissions-not-list");
    public static final Code NOT_MAPPING = Code.error("permission-not-mapping");
    public static final Code MISSING_ID = Code.error("permission-missing-id");
    public static final Code UNKNOWN_ID = Code.error("permission-unknown-id");
    public static final Code MISSING_REASON = Code.error("permission-missing-reason");
    public static final Code BLANK_REASON = Code.error("permission-blank-reason");
    public static final Code UNKNOWN_FIELD = Code.error("permission-unknown-field");
    public static final Code INVALID_ACCESS = Code.error("permission-invalid-access");
    public static final Code INVALID_SERVICES = Code.error("permission-invalid-services");
    public static final Code MULTILINE = Code.error("permission-multiline-text");

    @Override
    public List<Code> codes() {
        return List.of(NOT_LIST, NOT_MAPPING, MISSING_ID, UNKNOWN_ID, MISSING_REASON, BLANK_REASON,
                UNKNOWN_FIELD, INVALID_ACCESS, INVALID_SERVICES, MULTILINE);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        if (m.kind() != ManifestKind.PACK) {
            return;
        }
        YamlNode permissions = m.get("permissions");
        if (permissions == null) {
            return;
        }
        boolean canonical = m.schemaVersion() != null && (m.schemaVersion() == 2 || m.schemaVersion() == 3);
        if (permissions instanceof YamlScalar s && s.isNull()) {
            if (!m.yaml().errors().isEmpty()) {
                return; // the list may just be lines the syntax error cut off
            }
            // Astrid's v1 runtime reads a null as "declares nothing", but its validator and the canonical
            // loader refuse it: an empty `permissions:` is most often a list the author forgot to write.
            ctx.report(NOT_LIST, RuleContext.anchor(permissions), "permissions has no value: list the permissions, "
                    + "or write `[]` to declare nothing (Astrid: " + (canonical ? "permissions: None is not of type 'array'"
                    : "permissions must be array, got NoneType") + ")", Map.of("null", true));
            return;
        }
        if (!(permissions instanceof YamlSequence list)) {
            ctx.report(NOT_LIST, RuleContext.anchor(permissions), "permissions must be a list, not "
                    + describe(permissions) + ": items such as `- id: network` with a `reason:`, or `[]` to declare "
                    + "nothing (Astrid: permissions must be an array)");
            return;
        }
        boolean v2 = canonical;
        for (int i = 0; i < list.items().size(); i++) {
            ctx.checkCanceled();
            YamlNode item = YamlNode.deref(list.items().get(i));
            String path = "permissions[" + i + "]";
            if (item instanceof YamlMapping perm) {
                checkItem(ctx, perm, path, v2);
            } else {
                ctx.report(NOT_MAPPING, RuleContext.anchor(item), "A permission must be a mapping with `id` and "
                        + "`reason`, not " + describe(item) + " (Astrid: " + path + " must be an object)");
            }
        }
    }

    private void checkItem(RuleContext ctx, YamlMapping perm, String path, boolean v2) {
        YamlNode id = perm.get("id");
        YamlNode first = perm.entries().isEmpty() ? perm : perm.entries().get(0).key();
        if (id == null) {
            ctx.report(MISSING_ID, first, "Missing permission id: say which of " + String.join(", ", PermissionId.ids())
                    + " this item declares (Astrid: missing required field " + path + ".id)");
        } else {
            checkId(ctx, id, path);
        }
        String name = id instanceof YamlScalar s && !s.value().isBlank() ? "'" + Strings.shorten(s.value()) + "'"
                : "this permission";

        YamlNode reason = perm.get("reason");
        if (reason == null) {
            YamlNode at = id != null ? RuleContext.anchor(id) : first;
            ctx.report(MISSING_REASON, at, "Missing reason for " + name + ": tell the user why the pack needs it, "
                    + "e.g. `reason: " + example(id) + "` (Astrid: missing required field " + path + ".reason)");
        } else if (!nonBlankString(reason)) {
            ctx.report(BLANK_REASON, RuleContext.anchor(reason), "Blank reason for " + name + ": say what the pack "
                    + "does with it, e.g. \"" + example(id) + "\" (Astrid: " + path + ".reason must be a non-empty "
                    + "string" + found(reason) + ")");
        } else {
            oneLine(ctx, (YamlScalar) reason, path + ".reason");
        }

        YamlNode access = perm.get("access");
        if (access != null && !nonBlankString(access)) {
            String lead = access instanceof YamlSequence
                    ? "`access` must be one string, not a list: write e.g. `access: read and write`"
                    : "`access` must be a non-empty string";
            ctx.report(INVALID_ACCESS, RuleContext.anchor(access),
                    lead + " (Astrid: " + path + ".access must be a non-empty string" + found(access) + ")");
        } else if (access != null) {
            oneLine(ctx, (YamlScalar) access, path + ".access");
        }

        YamlNode services = perm.get("services");
        if (services != null) {
            checkServices(ctx, services, path, v2);
        }

        for (YamlMapping.Entry e : perm.entries()) {
            String key = e.keyText();
            if (key != null && !Permissions.FIELDS.contains(key) && !key.equals("<<")) {
                String suggestion = Strings.closest(key, Permissions.FIELDS).orElse(null);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("field", key);
                if (suggestion != null) {
                    data.put("suggestion", suggestion);
                }
                ctx.report(UNKNOWN_FIELD, e.key(), "Unknown permission field '" + Strings.shorten(key) + "'"
                        + (suggestion != null ? ": did you mean `" + suggestion + "`?" : ".")
                        + " A permission item takes only id, reason, access and services (Astrid: " + path
                        + " has unknown field(s): " + Strings.shorten(key) + ").", data);
            }
        }
    }

    private void checkId(RuleContext ctx, YamlNode value, String path) {
        if (value instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING
                && PermissionId.of(s.value()).isPresent()) {
            return;
        }
        String given = value instanceof YamlScalar s ? s.value() : "";
        List<String> suggestions = given.isBlank() ? List.of() : PermissionId.suggestionsFor(given);
        StringBuilder msg = new StringBuilder();
        if (given.isBlank()) {
            msg.append("Empty permission id");
        } else {
            msg.append("Unknown permission id '").append(Strings.shorten(given)).append("'");
        }
        if (!suggestions.isEmpty()) {
            msg.append(": did you mean '").append(suggestions.get(0)).append("'?");
        } else {
            msg.append('.');
        }
        msg.append(" Astrid: ").append(path).append(".id must be one of [")
                .append(String.join(", ", PermissionId.ids())).append("]");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", given);
        data.put("suggestions", suggestions);
        ctx.report(UNKNOWN_ID, RuleContext.anchor(value), msg.toString(), data);
    }

    private void checkServices(RuleContext ctx, YamlNode value, String path, boolean v2) {
        if (!(value instanceof YamlSequence list)) {
            String lead = nonBlankString(value) ? "`services` must be a list: write `services: ["
                    + Strings.shorten(((YamlScalar) value).value()) + "]`"
                    : "`services` must be a list of host or service names";
            ctx.report(INVALID_SERVICES, RuleContext.anchor(value),
                    lead + " (Astrid: " + path + ".services must be an array" + found(value) + ")");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < list.items().size(); j++) {
            YamlNode item = YamlNode.deref(list.items().get(j));
            if (!nonBlankString(item)) {
                ctx.report(INVALID_SERVICES, RuleContext.anchor(item), "A service must be a non-empty host or "
                        + "service name (Astrid: " + path + ".services[" + j + "] must be a non-empty string"
                        + found(item) + ")");
            } else if (Strings.isMultiLine(((YamlScalar) item).value())) {
                oneLine(ctx, (YamlScalar) item, path + ".services[" + j + "]");
            } else if (v2 && !seen.add(((YamlScalar) item).value())) {
                ctx.report(INVALID_SERVICES, item, "Service '" + Strings.shorten(((YamlScalar) item).value())
                        + "' is listed twice: schema_versions 2 and 3 require unique services (" + path + ".services["
                        + j + "])", Map.of("repeated", true));
            }
        }
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        Manifest m = ctx.manifest();
        YamlScalar scalar = ctx.scalar(d);
        if (scalar == null) {
            return List.of();
        }
        List<Fix> out = new ArrayList<>();
        if (d.code() == MULTILINE) {
            out.add(Fix.of("Fold it into one line", d.code(), true, true, fold(m, scalar)));
        } else if (d.code() == NOT_LIST && Boolean.TRUE.equals(d.data().get("null")) && ctx.entry(d) != null) {
            out.add(Fix.of("Declare nothing: permissions: []", d.code(), true, false,
                    ManifestEdits.replaceValue(m, ctx.entry(d), "[]")));
        } else if (d.code() == UNKNOWN_ID) {
            List<?> suggestions = (List<?>) d.data().getOrDefault("suggestions", List.of());
            String given = String.valueOf(d.data().getOrDefault("id", ""));
            for (int i = 0; i < suggestions.size(); i++) {
                String s = (String) suggestions.get(i);
                boolean safe = suggestions.size() == 1 && Strings.isSlip(given, s);
                out.add(Fix.of("Change to '" + s + "'", d.code(), i == 0, safe,
                        ManifestEdits.replace(m, scalar, ManifestEdits.scalar(m, s))));
            }
        } else if (d.code() == MISSING_REASON) {
            YamlMapping item = scalar.parent() instanceof YamlMapping map ? map : null;
            if (item != null) {
                String id = item.get("id") instanceof YamlScalar s ? s.value() : "it";
                ManifestEdits.Value value = ctx.snippets()
                        ? new ManifestEdits.Raw(ManifestEdits.isJson(m) ? "\"${1:why the pack needs " + id + "}\""
                                : "${1:why the pack needs " + id + "}")
                        : new ManifestEdits.Text("");
                out.add(new Fix("Add a reason for '" + id + "'", d.code(), true, false, ctx.snippets(),
                        List.of(ManifestEdits.addEntry(m, item, "reason", value))));
            }
        } else if (d.code() == UNKNOWN_FIELD && d.data().get("suggestion") instanceof String s) {
            String key = String.valueOf(d.data().get("field"));
            out.add(Fix.of("Rename '" + key + "' to '" + s + "'", d.code(), true, Strings.isSlip(key, s),
                    ManifestEdits.replace(m, scalar, ManifestEdits.scalar(m, s))));
        } else if (d.code() == INVALID_ACCESS) {
            YamlMapping.Entry e = ctx.entry(d);
            if (e != null && e.value() instanceof YamlSequence list && !list.items().isEmpty()
                    && list.items().stream().allMatch(PermissionShapeRule::nonBlankString)) {
                String joined = Strings.joinAnd(list.items().stream().map(i -> ((YamlScalar) i).value().strip()).toList());
                out.add(Fix.of("Write access as one string: '" + Strings.shorten(joined) + "'", d.code(), true, true,
                        ManifestEdits.replaceValue(m, e, ManifestEdits.scalar(m, joined))));
            }
        } else if (d.code() == INVALID_SERVICES) {
            YamlMapping.Entry e = ctx.entry(d);
            if (e != null && e.value() == scalar && nonBlankString(scalar)) {
                String source = m.document().text().substring(scalar.start(), scalar.end());
                boolean keep = scalar.style() != YamlScalar.Style.LITERAL && scalar.style() != YamlScalar.Style.FOLDED
                        && source.indexOf('\n') < 0 && source.indexOf('\r') < 0;
                String item = keep ? source : ManifestEdits.scalar(m, scalar.value());
                out.add(Fix.of("Make it a list: [" + Strings.shorten(item) + "]", d.code(), true, true,
                        ManifestEdits.replace(m, scalar, "[" + item + "]")));
            } else if (Boolean.TRUE.equals(d.data().get("repeated")) && scalar.parent() instanceof YamlSequence list) {
                out.add(Fix.of("Remove the repeated '" + Strings.shorten(scalar.value()) + "'", d.code(), true, true,
                        ManifestEdits.deleteItem(m, list, scalar)));
            }
        }
        return out;
    }

    /**
     * A `|` block whose lines fold cleanly becomes a `>` block (comments and indentation kept); any
     * other multi-line text is rewritten as one line, its line breaks turned into spaces.
     */
    private static Edit fold(Manifest m, YamlScalar text) {
        String source = m.document().text().substring(text.start(), text.end());
        if (text.style() == YamlScalar.Style.LITERAL && foldsCleanly(source)) {
            int eol = source.indexOf('\n');
            String header = (eol < 0 ? source : source.substring(0, eol)).replace("+", "");
            return ManifestEdits.edit(m, text.start(), text.start() + (eol < 0 ? source.length() : eol),
                    ">" + header.substring(1));
        }
        String joined = String.join(" ", text.value().strip().split("[ \t]*(\r?\n)+[ \t]*"));
        int end = text.end();
        while (end > text.start() && (text.style() == YamlScalar.Style.LITERAL || text.style() == YamlScalar.Style.FOLDED)
                && Character.isWhitespace(m.document().text().charAt(end - 1))) {
            end--; // a block scalar's span takes the line breaks after it: keep them
        }
        return ManifestEdits.edit(m, text.start(), end, ManifestEdits.scalar(m, joined));
    }

    /** Block lines with no blank line between them and none indented deeper than the first: `>` joins them with spaces. */
    private static boolean foldsCleanly(String block) {
        String[] lines = block.split("\r?\n", -1);
        int indent = -1;
        int last = lines.length - 1;
        while (last > 0 && lines[last].isBlank()) {
            last--;
        }
        for (int i = 1; i <= last; i++) {
            String line = lines[i];
            int lead = line.length() - line.stripLeading().length();
            if (line.isBlank() || line.startsWith("\t", lead) || (indent >= 0 && lead != indent)) {
                return false;
            }
            indent = indent < 0 ? lead : indent;
        }
        return true;
    }

    /** Astrid reads text with one line break at most (its pattern {@code ^.*\\S.*$}): a `|` block of several lines fails. */
    private static void oneLine(RuleContext ctx, YamlScalar text, String path) {
        if (Strings.isMultiLine(text.value())) {
            String source = ctx.manifest().document().text();
            int end = text.end();
            while (end > text.start() + 1 && Character.isWhitespace(source.charAt(end - 1))) {
                end--; // a block scalar's span runs into the next line: stop at its last character
            }
            ctx.report(MULTILINE, text.start(), end, "`" + path + "` spans several lines, and Astrid accepts "
                    + "one: fold it into one line (a `>` block without blank lines is fine, a `|` block is not) "
                    + "(Astrid: " + path + " value does not match required pattern '^.*\\S.*$')", Map.of(), List.of());
        }
    }

    /** A string with a character that is not white space as Python sees it (Astrid's test for blank text). */
    static boolean nonBlankString(YamlNode node) {
        return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !Strings.isPythonBlank(s.value());
    }

    private static String example(YamlNode id) {
        if (id instanceof YamlScalar s) {
            return PermissionId.of(s.value()).map(PermissionId::exampleReason)
                    .orElse(PermissionId.NETWORK.exampleReason());
        }
        return PermissionId.NETWORK.exampleReason();
    }

    /** ", but found a list" and the like, so the user sees what YAML made of their text. */
    static String found(YamlNode node) {
        return ", but found " + describe(node);
    }

    static String describe(YamlNode node) {
        if (node instanceof YamlSequence) {
            return "a list";
        }
        if (node instanceof YamlMapping) {
            return "a mapping";
        }
        if (node instanceof YamlScalar s) {
            return switch (s.kind()) {
                case NULL -> "nothing";
                case BOOL -> "the boolean " + s.value() + " (quote it to make it text)";
                case INT, FLOAT -> "the number " + Strings.shorten(s.value());
                case STRING -> Strings.isPythonBlank(s.value()) ? "a blank string"
                        : "'" + Strings.shorten(s.value()) + "'";
            };
        }
        return "an alias";
    }
}
