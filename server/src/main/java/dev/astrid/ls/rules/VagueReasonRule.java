package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Setting;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reason that gives a person nothing to judge: filler, a restatement of the id, or no specific
 * object (service, host, tool, file kind, variable, action). A heuristic, so a warning that says
 * what is missing; its phrase list and threshold are settings.
 */
@AutoService(Rule.class)
public final class VagueReasonRule implements Rule {
    public static final Code VAGUE_REASON = Code.warning("permission-vague-reason");

    public static final Setting<List<String>> PHRASES = Setting.strings("vagueReason.phrases", List.of(
            "needed for functionality", "required for functionality", "for functionality",
            "needed", "required", "necessary", "needed for the pack", "for the pack to work",
            "needed for the pack to work", "required for the pack to work", "for the plugin to work",
            "various features", "various reasons", "misc", "miscellaneous", "general use", "todo",
            "tbd", "n/a", "na", "none", "nothing", "placeholder", "reason", "see docs", "see readme"),
            "Reasons equal to one of these phrases (ignoring case and punctuation) are reported as vague by "
                    + "`permission-vague-reason`. Setting the list replaces the built-in one.");

    public static final Setting<Integer> MIN_SPECIFIC_WORDS = Setting.integer("vagueReason.minSpecificWords", 1, 0, 20,
            "How many specific words (not grammar, not a generic verb such as *uses*, not the permission's own "
                    + "vocabulary such as *network*) a permission's reason needs. `0` turns the word count off, "
                    + "leaving only the phrase list.");

    /** A word, or a name that starts like a dotfile, path, variable or handle ({@code .env}, {@code ~/x}, {@code $HOME}). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}.~/$@][\\p{L}\\p{N}_.\\-/@:+~$]*");

    /** Words that name no specific object: grammar, generic verbs, and the permissions' own vocabulary. */
    private static final Set<String> GENERIC = Set.copyOf(List.of(
            "a", "an", "the", "for", "to", "of", "and", "or", "in", "on", "with", "by", "from", "at", "as",
            "into", "via", "this", "that", "these", "those", "it", "its", "is", "are", "be", "been", "was",
            "will", "would", "can", "could", "may", "might", "must", "should", "some", "any", "all", "other",
            "our", "your", "their", "we", "you", "they", "if", "when", "so", "also", "etc", "e.g", "i.e",
            "pack", "packs", "plugin", "plugins", "executor", "executors", "orchestrator", "orchestrators",
            "component", "components", "tool", "tools", "code", "program", "programs", "app", "application",
            "use", "uses", "using", "used", "usage", "need", "needs", "needed", "require", "requires",
            "required", "necessary", "access", "accesses", "accessing", "read", "reads", "reading", "write",
            "writes", "writing", "make", "makes", "making", "do", "does", "doing", "run", "runs", "running",
            "call", "calls", "calling", "get", "gets", "allow", "allows", "enable", "enables", "support",
            "supports", "perform", "performs", "work", "works", "working", "function", "functions",
            "functionality", "feature", "features", "operate", "operation", "operations", "handle",
            "handles", "stuff", "thing", "things", "various", "misc", "miscellaneous", "general", "purpose",
            "purposes", "reason", "reasons", "data", "file", "files", "project", "projects", "directory",
            "directories", "folder", "folders", "filesystem", "disk", "local", "network", "networking",
            "internet", "web", "online", "connection", "connections", "connectivity", "connect", "connects",
            "request", "requests", "http", "https", "api", "apis", "service", "services", "external",
            "third", "party", "third-party", "cloud", "environment", "env", "variable", "variables", "var",
            "vars", "setting", "settings", "config", "configuration", "secret", "secrets", "key", "keys",
            "credential", "credentials", "subprocess", "subprocesses", "process", "processes", "command",
            "commands", "shell", "binary", "binaries", "executable", "executables", "child", "spawn",
            "spawns", "spawning", "gpu", "gpus", "hardware", "accelerator", "accelerators", "device",
            "devices", "compute", "permission", "permissions", "capability", "capabilities", "todo", "tbd",
            "n/a", "na", "none", "nothing", "placeholder", "project_files", "external_services", "system",
            "resources", "resource", "content", "certain", "output", "outputs", "input", "inputs", "result", "results"));

    @Override
    public List<Code> codes() {
        return List.of(VAGUE_REASON);
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PHRASES, MIN_SPECIFIC_WORDS);
    }

    @Override
    public void check(RuleContext ctx) {
        for (YamlMapping item : Permissions.items(ctx.manifest())) {
            if (!(item.get("reason") instanceof YamlScalar reason) || reason.kind() != YamlScalar.Kind.STRING
                    || Strings.isPythonBlank(reason.value())) {
                continue; // blank: permission-blank-reason says so
            }
            String why = vagueness(reason.value(), ctx.settings().get(PHRASES), ctx.settings().get(MIN_SPECIFIC_WORDS));
            if (why == null) {
                continue;
            }
            PermissionId id = item.get("id") instanceof YamlScalar s ? PermissionId.of(s.value()).orElse(null) : null;
            String example = (id != null ? id : PermissionId.NETWORK).exampleReason();
            ctx.report(VAGUE_REASON, reason, "Vague reason: " + why + ". Someone deciding whether to trust this "
                    + "pack needs to know what it does with " + (id != null ? "'" + id.id() + "'" : "this permission")
                    + " and why, naming the service, host, tool, file kind or variable involved, e.g. \""
                    + example + "\".", Map.of("reason", reason.value()));
        }
    }

    /** Why the reason is vague, or null when it names something specific. */
    private static String vagueness(String reason, List<String> phrases, int minSpecificWords) {
        String normalized = reason.toLowerCase(Locale.ROOT).replaceAll("[\\s.!,;:]+", " ").trim();
        for (String phrase : phrases) {
            if (normalized.equals(phrase.toLowerCase(Locale.ROOT).trim())) {
                return "'" + reason.trim() + "' is filler";
            }
        }
        int specific = 0;
        Matcher m = WORD.matcher(reason);
        while (m.find()) {
            String word = m.group().replaceAll("[.:\\-/]+$", "").toLowerCase(Locale.ROOT);
            if (!word.isEmpty() && !GENERIC.contains(word)) {
                specific++;
            }
        }
        if (specific >= minSpecificWords) {
            return null;
        }
        return "'" + reason.trim() + "' names no service, host, tool, file kind or variable";
    }
}
