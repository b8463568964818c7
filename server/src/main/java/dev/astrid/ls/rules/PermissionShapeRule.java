package dev.astrid.ls.rules;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of the pack's {@code permissions} list, mirroring what Astrid's validator rejects,
 * with the same field paths in every message.
 */
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

    static final List<String> FIELDS = List.of("id", "reason", "access", "services");

    @Override
    public List<Code> codes() {
        return List.of(NOT_LIST, NOT_MAPPING, MISSING_ID, UNKNOWN_ID, MISSING_REASON, BLANK_REASON,
                UNKNOWN_FIELD, INVALID_ACCESS, INVALID_SERVICES);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        if (m.kind() != ManifestKind.PACK) {
            return;
        }
        YamlNode permissions = m.get("permissions");
        if (permissions == null || (permissions instanceof YamlScalar s && s.isNull())) {
            return;
        }
        if (!(permissions instanceof YamlSequence list)) {
            ctx.report(NOT_LIST, RuleContext.anchor(permissions),
                    "permissions must be an array: a list of items such as `- id: network` with a `reason:`, "
                            + "or `[]` to declare nothing");
            return;
        }
        boolean v2 = Integer.valueOf(2).equals(m.schemaVersion());
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = YamlNode.deref(list.items().get(i));
            String path = "permissions[" + i + "]";
            if (item instanceof YamlMapping perm) {
                checkItem(ctx, perm, path, v2);
            } else {
                ctx.report(NOT_MAPPING, RuleContext.anchor(item),
                        path + " must be an object with `id` and `reason` keys, not " + describe(item));
            }
        }
    }

    private void checkItem(RuleContext ctx, YamlMapping perm, String path, boolean v2) {
        YamlNode id = perm.get("id");
        YamlNode first = perm.entries().isEmpty() ? perm : perm.entries().get(0).key();
        if (id == null) {
            ctx.report(MISSING_ID, first, "missing required field " + path + ".id: say which of "
                    + String.join(", ", PermissionId.ids()) + " this item declares");
        } else {
            checkId(ctx, id, path);
        }

        YamlNode reason = perm.get("reason");
        if (reason == null) {
            YamlNode at = id != null ? RuleContext.anchor(id) : first;
            ctx.report(MISSING_REASON, at, "missing required field " + path + ".reason: tell the user why the "
                    + "pack needs this permission, e.g. `reason: " + example(id) + "`");
        } else if (!(reason instanceof YamlScalar r) || r.kind() != YamlScalar.Kind.STRING || r.value().isBlank()) {
            ctx.report(BLANK_REASON, RuleContext.anchor(reason), path + ".reason must be a non-empty string"
                    + found(reason) + ": say what the pack does with it, e.g. \"" + example(id) + "\"");
        }

        YamlNode access = perm.get("access");
        if (access != null && !nonBlankString(access)) {
            String hint = access instanceof YamlSequence
                    ? "; write one string such as `access: read and write` rather than a list" : "";
            ctx.report(INVALID_ACCESS, RuleContext.anchor(access),
                    path + ".access must be a non-empty string" + found(access) + hint);
        }

        YamlNode services = perm.get("services");
        if (services != null) {
            checkServices(ctx, services, path, v2);
        }

        for (YamlMapping.Entry e : perm.entries()) {
            String key = e.keyText();
            if (key != null && !FIELDS.contains(key) && !key.equals("<<")) {
                String suggestion = Strings.closest(key, FIELDS).orElse(null);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("field", key);
                if (suggestion != null) {
                    data.put("suggestion", suggestion);
                }
                ctx.report(UNKNOWN_FIELD, e.key(), path + " has unknown field(s): " + key
                        + (suggestion != null ? ". Did you mean `" + suggestion + "`?" : "")
                        + " A permission item takes only id, reason, access and services.", data);
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
        StringBuilder msg = new StringBuilder(path).append(".id must be one of [")
                .append(String.join(", ", PermissionId.ids())).append("]");
        if (given.isBlank()) {
            msg.append(", but it is empty");
        } else {
            msg.append(", not '").append(Strings.shorten(given)).append("'");
        }
        if (!suggestions.isEmpty()) {
            msg.append(". Did you mean '").append(suggestions.get(0)).append("'?");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", given);
        data.put("suggestions", suggestions);
        ctx.report(UNKNOWN_ID, RuleContext.anchor(value), msg.toString(), data);
    }

    private void checkServices(RuleContext ctx, YamlNode value, String path, boolean v2) {
        if (!(value instanceof YamlSequence list)) {
            String hint = nonBlankString(value) ? "; write it as a list: `services: [" + ((YamlScalar) value).value()
                    + "]`" : "";
            ctx.report(INVALID_SERVICES, RuleContext.anchor(value),
                    path + ".services must be an array of host or service names" + found(value) + hint);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < list.items().size(); j++) {
            YamlNode item = YamlNode.deref(list.items().get(j));
            if (!nonBlankString(item)) {
                ctx.report(INVALID_SERVICES, RuleContext.anchor(item),
                        path + ".services[" + j + "] must be a non-empty string" + found(item));
            } else if (v2 && !seen.add(((YamlScalar) item).value())) {
                ctx.report(INVALID_SERVICES, item, path + ".services[" + j + "] repeats '"
                        + Strings.shorten(((YamlScalar) item).value()) + "': schema_version 2 requires unique services");
            }
        }
    }

    private static boolean nonBlankString(YamlNode node) {
        return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !s.value().isBlank();
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
                case STRING -> s.value().isBlank() ? "a blank string"
                        : "'" + Strings.shorten(s.value()) + "'";
            };
        }
        return "an alias";
    }
}
