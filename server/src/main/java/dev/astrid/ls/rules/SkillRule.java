package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A schema_version 3 pack's skill, as Astrid's validator reads it after admission
 * (peteromallet/Astrid-agent {@code astrid/core/pack/validate.py}, {@code _validate_v3_documentation},
 * and {@code validate_layout.py}, {@code validate_pack_layout}). The declared skill
 * ({@code documentation: {kind: skill, path: docs/SKILL.md}}) must open with {@code ---}, close
 * the block with a {@code ---} line, hold a YAML mapping there, and give {@code name} and
 * {@code description} as non-blank strings: reported on the {@code path} value, the skill file as
 * related information (a missing or unreadable file is left to the path checks). And the pack may
 * hold no other {@code SKILL.md}, nor {@code docs/SKILL.md} undeclared.
 */
@AutoService(Rule.class)
public final class SkillRule implements Rule {
    public static final Code FRONT_MATTER = Code.error("skill-front-matter");
    public static final Code UNDECLARED = Code.error("skill-undeclared");

    /** The one place a v3 pack's skill may live. */
    private static final String SKILL = "docs/SKILL.md";

    @Override
    public List<Code> codes() {
        return List.of(FRONT_MATTER, UNDECLARED);
    }

    @Override
    public void check(RuleContext ctx) {
        ctx.packManifestOf(3).ifPresent(pack -> {
            undeclared(ctx, ctx.manifest(), pack.files());
            frontMatter(ctx, ctx.manifest(), pack.files());
        });
    }

    /** Every SKILL.md of the pack but the declared docs/SKILL.md: Astrid's layout check refuses each. */
    private static void undeclared(RuleContext ctx, Manifest m, PackFiles files) {
        boolean declared = m.get("documentation") instanceof YamlMapping doc && doc.get("kind") instanceof YamlScalar k
                && k.value().equals("skill") && doc.get("path") instanceof YamlScalar p && p.value().equals(SKILL);
        YamlMapping root = m.root();
        YamlNode at = root.entry("documentation") != null ? root.entry("documentation").key()
                : root.entries().isEmpty() ? root : root.entries().get(0).key();
        for (Path file : files.filesNamed("SKILL.md")) {
            String shown = files.root().relativize(file).toString().replace('\\', '/');
            if (shown.equals(SKILL) && declared) {
                continue;
            }
            String ours = shown.equals(SKILL) ? SKILL + " is not declared as the pack's skill: add documentation: {kind: "
                    + "skill, path: " + SKILL + "}, or remove it" : shown + " is a second skill: a schema_version 3 pack has "
                    + "one, at " + SKILL + ", declared in pack.yaml; remove it or move its text there";
            ctx.report(UNDECLARED, at.start(), at.end(), ours + " (Astrid: " + shown + ": v3 packs allow one authored skill at "
                    + "docs/SKILL.md declared by pack.yaml; nested or legacy SKILL.md files are not separate metadata "
                    + "authorities)", Map.of(), List.of(new Diagnostic.Related(Workspace.uri(file), Range.of(0, 0, 0, 0),
                    "this SKILL.md")));
        }
    }

    /** The declared skill's front matter. */
    private static void frontMatter(RuleContext ctx, Manifest m, PackFiles files) {
        if (!(m.get("documentation") instanceof YamlMapping doc)
                || !(doc.get("kind") instanceof YamlScalar kind) || !kind.value().equals("skill")
                || !(doc.get("path") instanceof YamlScalar path) || path.kind() != YamlScalar.Kind.STRING
                || Strings.isPythonBlank(path.value())) {
            return;
        }
        Path file = files.resolve(files.root() == null ? Path.of("") : files.root(), path.value()).orElse(null);
        String text = file == null ? null : files.text(file).orElse(null);
        if (text == null) {
            return;
        }
        String shown = files.root().relativize(file).toString();
        List<String> lines = pythonLines(text);
        int close = -1;
        for (int i = 1; i < lines.size() && close < 0; i++) {
            if (Strings.pythonStrip(lines.get(i)).equals("---")) {
                close = i;
            }
        }
        List<Problem> problems = new ArrayList<>();
        if (!text.startsWith("---")) {
            problems.add(new Problem("does not open with YAML front matter ('---')",
                    "missing YAML frontmatter opening delimiter '---'"));
        } else if (close < 0) {
            problems.add(new Problem("has no '---' line closing its front matter",
                    "missing YAML frontmatter closing delimiter '---'"));
        } else {
            YamlDocument front = YamlParser.parse(String.join("\n", lines.subList(1, close)));
            if (!front.errors().isEmpty()) {
                problems.add(new Problem("front matter is not valid YAML (" + front.errors().get(0).message() + ")",
                        "invalid YAML frontmatter: …"));
            } else if (!(YamlNode.deref(front.root()) instanceof YamlMapping fields)) {
                problems.add(new Problem("front matter is not a mapping of keys", "YAML frontmatter must be a mapping"));
            } else {
                for (String field : List.of("name", "description")) {
                    if (!(last(fields, field) instanceof YamlScalar s) || s.kind() != YamlScalar.Kind.STRING
                            || Strings.isPythonBlank(s.value())) {
                        problems.add(new Problem("front matter needs a non-empty " + field,
                                "frontmatter " + field + " must be a non-empty string"));
                    }
                }
            }
        }
        Range block = Range.of(0, 0, Math.max(0, close), close < 0 ? 0 : 3);
        List<Diagnostic.Related> related = List.of(new Diagnostic.Related(Workspace.uri(file), block, "the skill's front matter"));
        for (Problem problem : problems) {
            ctx.report(FRONT_MATTER, path.start(), path.end(), shown + " " + problem.ours() + ": Astrid refuses the pack "
                    + "(Astrid: " + shown + ": " + problem.astrid() + ")", Map.of(), related);
        }
    }

    /** What is wrong, in our words and in Astrid's. */
    private record Problem(String ours, String astrid) {}

    /** The value PyYAML keeps for a key: the last one written. */
    private static YamlNode last(YamlMapping m, String key) {
        YamlNode found = null;
        for (YamlMapping.Entry e : m.entries()) {
            if (key.equals(e.keyText())) {
                found = YamlNode.deref(e.value());
            }
        }
        return found != null ? found : m.get(key);
    }

    /** Python's {@code str.splitlines()}: every line boundary it knows, a CR LF pair as one. */
    static List<String> pythonLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
                    || c == 0x2028 || c == 0x2029) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
