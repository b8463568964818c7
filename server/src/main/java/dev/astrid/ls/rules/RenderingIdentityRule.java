package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.ElementKinds;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each rendering descriptor of a schema_version 3 pack names what the pack declares it to be, as
 * canonical admission reads it (peteromallet/Astrid-agent {@code astrid/core/pack/canonical.py},
 * {@code _validate_rendering_identities}): a renderer's, planner's or finalizer's {@code id} is
 * {@code <pack>.<key>}; an element's {@code <kind>/<id>} (its kind named canonically, effect →
 * effects) is the key itself, and its {@code pack_id}, when given, is the pack's; ids and kinds are
 * non-blank text, stripped as Python strips them, and an element's metadata a mapping; and the
 * descriptor loads with Astrid's unique-key loader (no repeated, merge or non-string keys). Reported on the
 * declaration's {@code path} value, the descriptor's field as related information. A descriptor
 * that is missing, not YAML or not a mapping is left to the path and YAML checks, and an element
 * kind the built-in registry does not know is not guessed at.
 */
@AutoService(Rule.class)
public final class RenderingIdentityRule implements Rule {
    public static final Code IDENTITY = Code.error("rendering-identity");

    @Override
    public List<Code> codes() {
        return List.of(IDENTITY);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        PackView pack = ctx.packManifestOf(3).orElse(null);
        if (pack == null || !(m.get("id") instanceof YamlScalar packId) || !(m.get("rendering") instanceof YamlMapping rendering)
                || pack.files().root() == null) {
            return;
        }
        PackFiles files = pack.files();
        ElementKinds kinds = ElementKinds.of(m);
        for (YamlMapping.Entry e : rendering.entries()) {
            if (!(YamlNode.deref(e.value()) instanceof YamlMapping item) || !(item.get("type") instanceof YamlScalar type)
                    || !(item.get("path") instanceof YamlScalar path) || e.keyText() == null) {
                continue;
            }
            Path file = files.resolve(files.root(), path.value()).orElse(null);
            String text = file == null ? null : files.text(file).orElse(null);
            YamlDocument parsed = text == null ? null : YamlParser.parse(text);
            if (parsed == null || !parsed.errors().isEmpty() || !(parsed.root() instanceof YamlMapping descriptor)) {
                continue;
            }
            TextDocument shown = new TextDocument(Workspace.uri(file), 0, text);
            Refusal refused = loaderRefusal(descriptor);
            if (refused != null) {
                report(ctx, path, shown, refused.at(), refused.message());
                continue;
            }
            String location = "rendering." + e.keyText() + ".path";
            boolean element = type.value().equals("element");
            String expected = element ? e.keyText() : packId.value() + "." + e.keyText();
            String kind = null;
            if (element) { // Astrid reads an element's kind, then its id, then its owner
                YamlNode kindNode = descriptor.get("kind");
                String kindText = text(kindNode);
                if (kindText == null) {
                    report(ctx, path, shown, kindNode != null ? kindNode : descriptor, "The element descriptor has no "
                            + "kind: Astrid refuses the pack (Astrid: " + location + ".kind must be non-blank text)");
                    continue;
                }
                kind = kinds.canonical(kindText);
                if (kind == null) {
                    continue; // an unknown kind is the element checks' business, not a guess here
                }
            }
            YamlNode idNode = descriptor.get("id");
            String id = text(idNode);
            if (id == null) {
                report(ctx, path, shown, idNode != null ? idNode : descriptor, "The descriptor has no id: Astrid refuses the "
                        + "pack (Astrid: " + location + ".id must be non-blank text)");
                continue;
            }
            String identity = id;
            if (element) {
                identity = kind + "/" + id;
                YamlNode metadata = descriptor.get("metadata");
                if (descriptor.has("metadata") && !(metadata instanceof YamlMapping)) {
                    report(ctx, path, shown, metadata != null ? metadata : descriptor, "The element descriptor's metadata "
                            + "is not a mapping: Astrid refuses the pack (Astrid: " + location + ".metadata must be an "
                            + "object with string keys)");
                    continue;
                }
                YamlNode owner = descriptor.has("pack_id") ? descriptor.get("pack_id")
                        : metadata instanceof YamlMapping meta ? meta.get("pack_id") : null;
                if (owner instanceof YamlScalar o && !o.isNull() && !o.value().equals(packId.value())) {
                    report(ctx, path, shown, owner, "The element descriptor belongs to pack '" + Strings.shorten(o.value())
                            + "', not '" + packId.value() + "': Astrid refuses the pack (Astrid: " + location
                            + ": descriptor pack_id must be '" + packId.value() + "')");
                    continue;
                }
            }
            if (!identity.equals(expected)) {
                report(ctx, path, shown, idNode, "The descriptor is '" + Strings.shorten(identity) + "', declared as '"
                        + expected + "': Astrid refuses the pack (Astrid: " + location + ": descriptor identity '"
                        + Strings.shorten(identity) + "' must match '" + expected + "')");
            }
        }
    }

    private record Refusal(YamlNode at, String message) {}

    /**
     * The first key, in the text's order, that Astrid's unique-key loader refuses in a descriptor
     * (it reads every mapping so): a merge key, a key that is not a string, a repeated key.
     */
    private static Refusal loaderRefusal(YamlMapping descriptor) {
        Refusal first = null;
        Deque<YamlNode> todo = new ArrayDeque<>(List.of(descriptor));
        while (!todo.isEmpty()) {
            YamlNode node = todo.pop();
            if (node instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            } else if (node instanceof YamlMapping m) {
                Set<String> seen = new HashSet<>();
                for (YamlMapping.Entry entry : m.entries()) {
                    Refusal r = refusal(entry, seen);
                    if (r != null && (first == null || r.at().start() < first.at().start())) {
                        first = r;
                    }
                    todo.push(entry.value());
                }
            }
        }
        return first;
    }

    private static Refusal refusal(YamlMapping.Entry entry, Set<String> seen) {
        YamlNode key = entry.key();
        if (entry.isMerge()) {
            return new Refusal(key, "The descriptor uses a merge key (`<<`): Astrid refuses the pack (Astrid: invalid YAML "
                    + "canonical pack: could not determine a constructor for the tag 'tag:yaml.org,2002:merge')");
        }
        if (!(YamlNode.deref(key) instanceof YamlScalar k) || k.kind() != YamlScalar.Kind.STRING) {
            return new Refusal(key, "The descriptor has a key that is not a string: Astrid refuses the pack (Astrid: "
                    + "manifest object keys must be strings)");
        }
        if (!seen.add(k.value())) {
            return new Refusal(key, "The descriptor repeats the key '" + Strings.shorten(k.value()) + "': Astrid refuses "
                    + "the pack (Astrid: manifest contains duplicate key '" + Strings.shorten(k.value()) + "')");
        }
        return null;
    }

    /** Astrid's {@code _text}: a string that is not blank, stripped as Python strips it; null otherwise. */
    private static String text(YamlNode node) {
        return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !Strings.isPythonBlank(s.value())
                ? Strings.pythonStrip(s.value()) : null;
    }

    private static void report(RuleContext ctx, YamlScalar path, TextDocument descriptor, YamlNode at, String message) {
        ctx.report(IDENTITY, path.start(), path.end(), message, Map.of(), List.of(new Diagnostic.Related(descriptor.uri(),
                descriptor.rangeOf(at.start(), at.end()), "in the descriptor")));
    }
}
