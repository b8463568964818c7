package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Severity;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.disclosure.ReasonDrafter;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A permission the pack's code or manifests show it uses that its pack manifest does not declare.
 * Astrid accepts such a pack, so this is a warning, never an error; when no evidence is certain
 * (a use only inside a child process, a name known only at run time) it is information, and says
 * why. One finding per permission, on the pack's {@code permissions} key (or its first key).
 */
abstract class UndeclaredUseRule implements Rule {
    private final PermissionId permission;
    private final Code code;

    UndeclaredUseRule(PermissionId permission, Code code) {
        this.permission = permission;
        this.code = code;
    }

    @Override
    public List<Code> codes() {
        return List.of(code);
    }

    /** The evidence this rule reports, from all the pack shows for its permission (certain first). */
    List<Evidence> evidence(PackView pack, List<Evidence> all) {
        return all;
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = DisclosureFindings.onPackManifest(ctx);
        PackDisclosure disclosure = pack == null ? null : ctx.disclosure().orElse(null);
        if (disclosure == null || Permissions.declares(pack.pack(), permission.id())) {
            return;
        }
        List<Evidence> evidence = evidence(pack, disclosure.evidence(permission));
        if (evidence.isEmpty()) {
            return;
        }
        Evidence first = evidence.get(0);
        String id = "`" + permission.id() + "`";
        String message = first.certain()
                ? "Undeclared " + id + ": " + DisclosureFindings.sites(evidence) + ". Astrid accepts the pack, but its "
                        + "trust summary will not tell users that it " + permission.meaning() + ": declare " + id
                        + " with a reason."
                : "Possibly undeclared " + id + ": " + first.display() + " (" + first.note() + ")"
                        + DisclosureFindings.more(evidence) + ". Not certain, so information only: declare " + id
                        + " if the pack does this.";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("permission", permission.id());
        String reason = ReasonDrafter.draft(permission, evidence);
        if (reason != null) {
            data.put("reason", reason);
        }
        List<String> services = services(evidence);
        if (!services.isEmpty()) {
            data.put("services", services);
        }
        YamlNode anchor = Permissions.anchor(pack.pack());
        ctx.report(code, first.certain() ? Severity.ERROR : Severity.INFORMATION, anchor.start(), anchor.end(), message,
                data, DisclosureFindings.related(evidence));
    }

    /** What a new item's {@code services} should list: the hosts (network) or services certainly used. */
    private List<String> services(List<Evidence> evidence) {
        if (permission != PermissionId.NETWORK && permission != PermissionId.EXTERNAL_SERVICES) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            if (e.certain() && e.subject() != null && !e.subject().contains("*")) {
                out.add(e.subject());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Adds the permission to the pack, with the reason drafted from the evidence for the author to
     * check (a placeholder when none could be drafted) and the hosts or services it names. Not
     * applied by fix-all: a person must read the reason.
     */
    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        PackView pack = ctx.pack();
        if (pack == null || pack.pack().root() == null || !(pack.pack().get("permissions") == null
                || pack.pack().get("permissions") instanceof YamlSequence
                || pack.pack().get("permissions") instanceof YamlScalar s && s.isNull())) {
            return List.of(); // a permissions value of another shape has its own error to fix first
        }
        Manifest m = pack.pack();
        String drafted = d.data().get("reason") instanceof String s ? s : null;
        ManifestEdits.Value reason = drafted != null ? new ManifestEdits.Text(drafted)
                : ctx.snippets() ? new ManifestEdits.Raw(ManifestEdits.isJson(m) ? "\"${1:What it does, and why}\""
                : "${1:What it does, and why}") : new ManifestEdits.Text("");
        List<ManifestEdits.Field> fields = new ArrayList<>(List.of(
                new ManifestEdits.Field("id", new ManifestEdits.Text(permission.id())),
                new ManifestEdits.Field("reason", reason)));
        if (d.data().get("services") instanceof List<?> list && !list.isEmpty()) {
            fields.add(new ManifestEdits.Field("services", new ManifestEdits.Texts(list.stream().map(String::valueOf)
                    .toList())));
        }
        String title = "Add the " + permission.id() + " permission to the pack"
                + (drafted != null ? ": \u201c" + drafted + "\u201d" : "");
        return List.of(new Fix(title, d.code(), true, false, drafted == null && ctx.snippets(),
                List.of(ManifestEdits.appendItems(m, "permissions", List.of(fields)))));
    }
}
