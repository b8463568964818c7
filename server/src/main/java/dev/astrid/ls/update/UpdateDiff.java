package dev.astrid.ls.update;

import dev.astrid.ls.update.TrustFacts.Permission;
import dev.astrid.ls.update.TrustFacts.Secret;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code astrid packs update --dry-run} shows between two revisions of a pack, compared as
 * Astrid compares them: version, commit, executor/orchestrator/element counts, entrypoints and
 * secret labels as sets, permissions keyed by id (changed when reason, access or services differ).
 */
public record UpdateDiff(TrustFacts base, TrustFacts current, String baseCommit, String currentCommit,
                         List<String> entrypointsAdded, List<String> entrypointsRemoved,
                         List<Secret> secretsAdded, List<Secret> secretsRemoved,
                         List<Permission> permissionsAdded, List<Permission> permissionsRemoved,
                         List<Change> permissionsChanged) {

    /** A permission whose id stays and whose reason, access or services change. */
    public record Change(Permission before, Permission after) {
        public List<String> fields() {
            return before.changedFields(after);
        }
    }

    /** A component count before and after. */
    public record Count(int before, int after) {}

    /** One change, worded for a person, at its place in the current pack manifest (null: the file). */
    public record Note(String message, YamlNode node) {}

    /** @param baseCommit and {@code currentCommit}: commit ids, or null (the working tree has none) */
    public static UpdateDiff between(TrustFacts base, TrustFacts current, String baseCommit, String currentCommit) {
        List<Permission> added = new ArrayList<>();
        List<Permission> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        for (String id : new TreeSet<>(current.permissions().keySet())) {
            Permission before = base.permissions().get(id);
            Permission after = current.permissions().get(id);
            if (before == null) {
                added.add(after);
            } else if (!before.changedFields(after).isEmpty()) {
                changed.add(new Change(before, after));
            }
        }
        for (String id : new TreeSet<>(base.permissions().keySet())) {
            if (!current.permissions().containsKey(id)) {
                removed.add(base.permissions().get(id));
            }
        }
        return new UpdateDiff(base, current, baseCommit, currentCommit,
                minus(current.entrypoints(), base.entrypoints()), minus(base.entrypoints(), current.entrypoints()),
                minusSecrets(current.secrets(), base.secrets()), minusSecrets(base.secrets(), current.secrets()),
                added, removed, changed);
    }

    public boolean versionChanged() {
        return !base.version().equals(current.version());
    }

    /** True when no line of Astrid's diff reports a change. */
    public boolean unchanged() {
        return !versionChanged() && componentChanges().isEmpty() && entrypointsAdded.isEmpty()
                && entrypointsRemoved.isEmpty() && secretsAdded.isEmpty() && secretsRemoved.isEmpty()
                && permissionsAdded.isEmpty() && permissionsRemoved.isEmpty() && permissionsChanged.isEmpty();
    }

    /** The component kinds whose count changes, with the counts before and after. */
    public Map<String, Count> componentChanges() {
        Map<String, Count> out = new LinkedHashMap<>();
        for (String kind : TrustFacts.COMPONENT_KINDS) {
            int before = base.components().get(kind);
            int after = current.components().get(kind);
            if (before != after) {
                out.put(kind, new Count(before, after));
            }
        }
        return out;
    }

    /** Astrid's "Diff Summary" block, line for line. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("═══ Diff Summary ═══");
        lines.add(versionChanged() ? "  Version:  " + base.version() + " → " + current.version()
                : "  Version:  " + base.version() + " (unchanged)");
        if (baseCommit != null && currentCommit != null) {
            lines.add(baseCommit.equals(currentCommit) ? "  Commit:   " + shortId(baseCommit) + " (unchanged)"
                    : "  Commit:   " + shortId(baseCommit) + " → " + shortId(currentCommit));
        }
        for (String kind : TrustFacts.COMPONENT_KINDS) {
            int before = base.components().get(kind);
            int after = current.components().get(kind);
            String label = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
            lines.add(before == after ? "  " + label + ":" + before + " (unchanged)"
                    : "  " + label + ":" + before + " → " + after + " (" + (after > before ? "+" : "") + (after - before)
                            + ")");
        }
        if (!entrypointsAdded.isEmpty()) {
            lines.add("  Entrypoints added:   " + String.join(", ", entrypointsAdded));
        }
        if (!entrypointsRemoved.isEmpty()) {
            lines.add("  Entrypoints removed: " + String.join(", ", entrypointsRemoved));
        }
        if (entrypointsAdded.isEmpty() && entrypointsRemoved.isEmpty() && !base.entrypoints().isEmpty()) {
            lines.add("  Entrypoints: (unchanged)");
        }
        if (!secretsAdded.isEmpty()) {
            lines.add("  Secrets added:   " + String.join(", ", labels(secretsAdded)));
        }
        if (!secretsRemoved.isEmpty()) {
            lines.add("  Secrets removed: " + String.join(", ", labels(secretsRemoved)));
        }
        if (secretsAdded.isEmpty() && secretsRemoved.isEmpty()
                && !(base.secrets().isEmpty() && current.secrets().isEmpty())) {
            lines.add("  Secrets: (unchanged)");
        }
        if (!permissionsAdded.isEmpty()) {
            lines.add("  Permissions added:");
            permissionsAdded.forEach(p -> lines.add("    - " + p.label()));
        }
        if (!permissionsRemoved.isEmpty()) {
            lines.add("  Permissions removed:");
            permissionsRemoved.forEach(p -> lines.add("    - " + p.label()));
        }
        if (!permissionsChanged.isEmpty()) {
            lines.add("  Permissions changed:");
            permissionsChanged.forEach(c -> lines.add("    - " + c.after().id() + ": " + c.before().label() + " → "
                    + c.after().label()));
        }
        if (permissionsAdded.isEmpty() && permissionsRemoved.isEmpty() && permissionsChanged.isEmpty()) {
            lines.add(base.permissions().isEmpty() && current.permissions().isEmpty() ? "  Permissions: none declared"
                    : "  Permissions: (unchanged)");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The changes in a few words each, most important first: "+network", "reason changed: subprocess", "−1 secret". */
    public List<String> summary() {
        List<String> parts = new ArrayList<>();
        permissionsAdded.forEach(p -> parts.add("+" + p.id()));
        permissionsChanged.forEach(c -> parts.add(String.join("/", c.fields()) + " changed: " + c.after().id()));
        permissionsRemoved.forEach(p -> parts.add("−" + p.id()));
        count(parts, "+", secretsAdded.size(), "secret");
        count(parts, "−", secretsRemoved.size(), "secret");
        count(parts, "+", entrypointsAdded.size(), "entrypoint");
        count(parts, "−", entrypointsRemoved.size(), "entrypoint");
        componentChanges().forEach((kind, n) -> count(parts, n.after() > n.before() ? "+" : "−",
                Math.abs(n.after() - n.before()), kind.substring(0, kind.length() - 1)));
        if (versionChanged()) {
            parts.add("version " + base.version() + " → " + current.version());
        }
        return parts;
    }

    /** Each change as a note on the current pack manifest, for diagnostics and code scanning. */
    public List<Note> notes(YamlMapping currentRoot) {
        List<Note> notes = new ArrayList<>();
        for (Permission p : permissionsAdded) {
            notes.add(new Note("Update adds permission " + p.label() + "; users will be asked to trust it",
                    value(p.node(), "id")));
        }
        for (Change c : permissionsChanged) {
            notes.add(new Note("Update changes the " + String.join(", ", c.fields()) + " of permission " + c.after().id()
                    + ": " + c.before().label() + " → " + c.after().label(), value(c.after().node(), "id")));
        }
        for (Permission p : permissionsRemoved) {
            notes.add(new Note("Update removes permission " + p.label(), key(currentRoot, "permissions")));
        }
        for (Secret s : secretsAdded) {
            notes.add(new Note("Update adds secret " + s.label() + "; users will be asked to trust it",
                    value(s.node(), "name")));
        }
        for (Secret s : secretsRemoved) {
            notes.add(new Note("Update removes secret " + s.label(), key(currentRoot, "secrets")));
        }
        YamlNode agent = currentRoot.get("agent");
        if (!entrypointsAdded.isEmpty()) {
            notes.add(new Note("Update adds entrypoints: " + String.join(", ", entrypointsAdded), agent));
        }
        if (!entrypointsRemoved.isEmpty()) {
            notes.add(new Note("Update removes entrypoints: " + String.join(", ", entrypointsRemoved), agent));
        }
        componentChanges().forEach((kind, n) -> notes.add(new Note("Update changes the number of " + kind + ": "
                + n.before() + " → " + n.after(), currentRoot.get("content") instanceof YamlMapping c ? c.get(kind) : null)));
        if (versionChanged()) {
            notes.add(new Note("Update changes the version: " + base.version() + " → " + current.version(),
                    currentRoot.get("version")));
        }
        return notes;
    }

    static String shortId(String commit) {
        return commit.substring(0, Math.min(8, commit.length()));
    }

    /** The value of a key of a mapping node, the smallest place to point at; other nodes as they are. */
    private static YamlNode value(YamlNode node, String key) {
        return node instanceof YamlMapping m && m.get(key) != null ? m.get(key) : node;
    }

    private static YamlNode key(YamlMapping root, String key) {
        YamlMapping.Entry e = root.entry(key);
        return e == null ? null : e.key();
    }

    private static void count(List<String> parts, String sign, int n, String word) {
        if (n > 0) {
            parts.add(sign + n + " " + word + (n == 1 ? "" : "s"));
        }
    }

    private static List<String> minus(List<String> a, List<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return List.copyOf(out);
    }

    /** Labels of {@code a} not in {@code b}, sorted, each once, with its first node in {@code a}. */
    private static List<Secret> minusSecrets(List<Secret> a, List<Secret> b) {
        Map<String, Secret> out = new java.util.TreeMap<>();
        List<String> other = labels(b);
        for (Secret s : a) {
            if (!other.contains(s.label())) {
                out.putIfAbsent(s.label(), s);
            }
        }
        return List.copyOf(out.values());
    }

    private static List<String> labels(List<Secret> secrets) {
        return secrets.stream().map(Secret::label).toList();
    }
}
