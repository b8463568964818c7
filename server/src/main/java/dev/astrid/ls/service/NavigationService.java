package dev.astrid.ls.service;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pack as code: go to the declaration of a secret or a component, find every place that names
 * it, and rename it everywhere in one edit. Secrets are names of environment variables, declared
 * in several places and mentioned in reasons; components are {@code <pack_id>.<name>} ids,
 * referred to by orchestrators, entrypoints and aliases, in this pack or another.
 */
public final class NavigationService {
    /** A place in a document. */
    public record Location(String uri, Range range) {}

    /** What can be renamed at a position: its span and the text to offer. */
    public record RenameTarget(Range range, String placeholder) {}

    /** The name under the cursor: a secret (an environment variable name) or a component id. */
    private record Symbol(boolean secret, String name, int start, int end) {}

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UPPER_ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Keys whose values (a list, or one string) name components. */
    private static final List<List<String>> COMPONENT_REFERENCES = List.of(List.of("child_executors"),
            List.of("child_orchestrators"), List.of("agent", "normal_entrypoints"), List.of("agent", "entrypoints"));

    /** Every pack of the workspace, for references that cross packs; called only when one is needed. */
    private final Supplier<List<PackView>> packs;
    /** What a pack's code reads, for the code sites of a secret. */
    private final BiFunction<PackView, CancelChecker, PackDisclosure> disclosure;

    NavigationService(Supplier<List<PackView>> packs, BiFunction<PackView, CancelChecker, PackDisclosure> disclosure) {
        this.packs = packs;
        this.disclosure = disclosure;
    }

    /** Where the pack's code reads a variable (its Python, read but never run). */
    private List<Evidence> reads(PackView pack, String name, CancelChecker cancel) {
        return disclosure.apply(pack, cancel).variables().getOrDefault(name, List.of());
    }

    List<Location> definition(Snapshot s, int offset, CancelChecker cancel) {
        Symbol symbol = symbolAt(s, offset).orElse(null);
        if (symbol == null) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        if (symbol.secret()) {
            for (Manifest m : s.pack().all()) {
                SecretSites.declarations(m).stream().filter(d -> d.name().equals(symbol.name()))
                        .forEach(d -> out.add(at(m, d.node().start(), d.node().end())));
            }
        } else {
            componentDeclarations(symbol.name(), s.pack()).forEach(out::add);
        }
        return out;
    }

    List<Location> references(Snapshot s, int offset, boolean includeDeclaration, CancelChecker cancel) {
        Symbol symbol = symbolAt(s, offset).orElse(null);
        if (symbol == null) {
            return List.of();
        }
        List<Location> declarations = definition(s, offset, cancel);
        Set<Location> out = new LinkedHashSet<>(includeDeclaration ? declarations : List.of());
        for (Occurrence o : occurrences(s, symbol, cancel)) {
            Location l = at(o.manifest(), o.start(), o.end());
            if (includeDeclaration || !declarations.contains(l)) {
                out.add(l);
            }
        }
        if (symbol.secret()) {
            reads(s.pack(), symbol.name(), cancel).forEach(e -> out.add(new Location(e.uri(), e.range())));
        }
        return List.copyOf(out);
    }

    RenameTarget prepareRename(Snapshot s, int offset) {
        Symbol symbol = symbolAt(s, offset).orElse(null);
        if (symbol == null) {
            return null;
        }
        if (symbol.secret()) {
            return new RenameTarget(s.document().rangeOf(symbol.start(), symbol.end()), symbol.name());
        }
        int dot = symbol.name().indexOf('.');
        return new RenameTarget(s.document().rangeOf(symbol.start() + dot + 1, symbol.end()),
                symbol.name().substring(dot + 1));
    }

    /**
     * The edits renaming the name under the cursor everywhere, or a refusal saying why not. A
     * secret the pack's code reads is not renamed: the manifests alone would then declare a name
     * the code never reads, while it reads one declared nowhere. Code is not this server's to edit
     * (a read may go through a constant, a table or Astrid's helpers), so the author changes it first.
     */
    RenameResult rename(Snapshot s, int offset, String newName, CancelChecker cancel) {
        Symbol symbol = symbolAt(s, offset).orElse(null);
        if (symbol == null) {
            return RenameResult.refused("There is no secret or component id here to rename.");
        }
        String replacement;
        if (symbol.secret()) {
            List<Evidence> reads = reads(s.pack(), symbol.name(), cancel);
            if (!reads.isEmpty() && !newName.equals(symbol.name())) {
                return RenameResult.refused(symbol.name() + " is read by the pack's code (" + reads.get(0).display()
                        + (reads.size() > 1 ? " and " + (reads.size() - 1) + " more" : "") + "): renaming it in the "
                        + "manifests alone would leave the code reading a variable the pack no longer declares. Change "
                        + "the code first, then rename.");
            }
            boolean v2 = Integer.valueOf(2).equals(s.pack().pack().schemaVersion());
            if (!(v2 ? UPPER_ENV_NAME : ENV_NAME).matcher(newName).matches()) {
                return RenameResult.refused("'" + newName + "' is not a valid secret name: an environment variable name "
                        + (v2 ? "in upper case (schema_version 2): a letter, then letters, digits or underscores"
                        : "is a letter or underscore, then letters, digits or underscores"));
            }
            replacement = newName;
        } else {
            String prefix = symbol.name().substring(0, symbol.name().indexOf('.') + 1);
            String slug = newName.startsWith(prefix) ? newName.substring(prefix.length()) : newName;
            if (!Manifest.isId(slug)) {
                return RenameResult.refused("'" + newName + "' is not a valid component name: after '" + prefix
                        + "', a lowercase letter, then lowercase letters, digits or underscores");
            }
            replacement = prefix + slug;
        }
        return new RenameResult(occurrences(s, symbol, cancel).stream()
                .map(o -> new Edit(o.manifest().document().uri(), o.start(), o.end(), replacement)).toList(), null);
    }

    /** A pack, component or secret found by name, for workspace symbols. */
    public record NamedSymbol(String name, String kind, String container, Location location) {}

    static List<NamedSymbol> symbols(PackView pack, String query) {
        String q = query.toLowerCase(Locale.ROOT);
        List<NamedSymbol> out = new ArrayList<>();
        String packId = pack.id() == null ? pack.root().getFileName().toString() : pack.id();
        if (pack.pack().get("id") instanceof YamlScalar id && id.value().toLowerCase(Locale.ROOT).contains(q)) {
            out.add(new NamedSymbol(id.value(), "pack", null, at(pack.pack(), id.start(), id.end())));
        }
        for (Manifest m : pack.all()) {
            for (YamlScalar s : componentScalars(m)) {
                if (s.path().equals(List.of("id")) && s.value().toLowerCase(Locale.ROOT).contains(q)) {
                    out.add(new NamedSymbol(s.value(), m.kind().baseName(), packId, at(m, s.start(), s.end())));
                }
            }
            if (m.kind() == ManifestKind.PACK && m.get("actions") instanceof YamlMapping actions) {
                for (YamlMapping.Entry a : actions.entries()) {
                    String id = packId + "." + a.keyText();
                    if (id.toLowerCase(Locale.ROOT).contains(q)) {
                        out.add(new NamedSymbol(id, "action", packId, at(m, a.key().start(), a.key().end())));
                    }
                }
            }
            for (SecretSites.Declaration d : SecretSites.declarations(m)) {
                if (d.name().toLowerCase(Locale.ROOT).contains(q)) {
                    out.add(new NamedSymbol(d.name(), d.secret() ? "secret" : "variable", packId,
                            at(m, d.node().start(), d.node().end())));
                }
            }
        }
        return out;
    }

    /** A rename's edits, or why there are none. */
    public record RenameResult(List<Edit> edits, String refusal) {
        static RenameResult refused(String why) {
            return new RenameResult(List.of(), why);
        }
    }

    // ---- what is under the cursor ----------------------------------------------------------

    private Optional<Symbol> symbolAt(Snapshot s, int offset) {
        Manifest m = s.manifest();
        if (s.pack() != null) {
            for (SecretSites.Declaration d : SecretSites.declarations(m)) {
                if (d.node().start() <= offset && offset <= d.node().end() && d.node() instanceof YamlScalar n) {
                    return Optional.of(valueSymbol(m, n, true));
                }
            }
            for (YamlScalar reason : reasons(m)) {
                Matcher w = ENV_NAME.matcher(m.document().text()).region(reason.start(), reason.end());
                while (w.find()) {
                    if (w.start() <= offset && offset <= w.end() && declared(s.pack(), w.group())) {
                        return Optional.of(new Symbol(true, w.group(), w.start(), w.end()));
                    }
                }
            }
        }
        YamlNode node = m.yaml().nodeAt(offset);
        if (node instanceof YamlScalar scalar && isComponentSite(m, scalar) && scalar.value().indexOf('.') > 0) {
            return Optional.of(valueSymbol(m, scalar, false));
        }
        return Optional.empty();
    }

    /** The span of a scalar's text, inside its quotes. */
    private static Symbol valueSymbol(Manifest m, YamlScalar s, boolean secret) {
        boolean quoted = s.style() == YamlScalar.Style.SINGLE_QUOTED || s.style() == YamlScalar.Style.DOUBLE_QUOTED;
        return new Symbol(secret, s.value(), quoted ? s.start() + 1 : s.start(), quoted ? s.end() - 1 : s.end());
    }

    private static boolean declared(PackView pack, String name) {
        return pack.all().stream().anyMatch(x -> SecretSites.declarations(x).stream().anyMatch(d -> d.name().equals(name)));
    }

    /** A component's own id, or a value that refers to a component. */
    private static boolean isComponentSite(Manifest m, YamlScalar s) {
        List<Object> path = s.path();
        if (m.kind() != ManifestKind.PACK && path.equals(List.of("id")) && m.kind() != ManifestKind.ELEMENT) {
            return true;
        }
        for (List<String> ref : COMPONENT_REFERENCES) {
            if (path.size() >= ref.size() && path.subList(0, ref.size()).equals(ref)
                    && path.size() <= ref.size() + 1) {
                return true;
            }
        }
        return m.kind() == ManifestKind.PACK && path.size() == 3 && "aliases".equals(path.get(0))
                && ("canonical_id".equals(path.get(2)) || "alias".equals(path.get(2)));
    }

    // ---- where a name is ---------------------------------------------------------------

    /** A span of a manifest that names the symbol. */
    private record Occurrence(Manifest manifest, int start, int end) {}

    /**
     * Every place that names the symbol: for a secret, its declarations in the pack and each
     * whole-word mention in a permission reason; for a component, its id and every reference to
     * it in the workspace's packs.
     */
    private List<Occurrence> occurrences(Snapshot s, Symbol symbol, CancelChecker cancel) {
        List<Occurrence> out = new ArrayList<>();
        if (symbol.secret()) {
            for (Manifest m : s.pack().all()) {
                for (SecretSites.Declaration d : SecretSites.declarations(m)) {
                    if (d.name().equals(symbol.name()) && d.node() instanceof YamlScalar n) {
                        Symbol at = valueSymbol(m, n, true);
                        out.add(new Occurrence(m, at.start(), at.end()));
                    }
                }
                for (YamlScalar reason : reasons(m)) {
                    Matcher w = wholeWord(symbol.name()).matcher(m.document().text()).region(reason.start(), reason.end());
                    while (w.find()) {
                        out.add(new Occurrence(m, w.start(), w.end()));
                    }
                }
            }
            return out;
        }
        List<Manifest> scope = new ArrayList<>(s.pack() != null ? s.pack().all() : List.of(s.manifest()));
        for (PackView p : packs.get()) {
            if (s.pack() == null || !p.root().equals(s.pack().root())) {
                scope.addAll(p.all());
            }
        }
        for (Manifest m : scope) {
            cancel.checkCanceled();
            for (YamlScalar x : componentScalars(m)) {
                if (x.value().equals(symbol.name())) {
                    Symbol at = valueSymbol(m, x, false);
                    out.add(new Occurrence(m, at.start(), at.end()));
                }
            }
        }
        return out;
    }

    private List<Location> componentDeclarations(String id, PackView here) {
        List<Location> out = new ArrayList<>();
        List<PackView> scope = new ArrayList<>();
        if (here != null) {
            scope.add(here);
        }
        String owner = id.substring(0, id.indexOf('.'));
        if (here == null || !owner.equals(here.id())) {
            packs.get().stream().filter(p -> owner.equals(p.id())).forEach(scope::add);
        }
        for (PackView p : scope) {
            for (Manifest m : p.components()) {
                if (m.kind() != ManifestKind.ELEMENT && m.get("id") instanceof YamlScalar s && s.value().equals(id)) {
                    out.add(at(m, s.start(), s.end()));
                }
            }
            if (p.pack().get("actions") instanceof YamlMapping actions && id.startsWith(owner + ".")) {
                YamlMapping.Entry action = actions.entry(id.substring(owner.length() + 1));
                if (action != null) {
                    out.add(at(p.pack(), action.key().start(), action.key().end()));
                }
            }
        }
        return out;
    }

    /** The scalars of a manifest that are component ids or refer to one. */
    private static List<YamlScalar> componentScalars(Manifest m) {
        List<YamlScalar> out = new ArrayList<>();
        YamlMapping root = m.root();
        if (root == null) {
            return out;
        }
        if (m.kind() != ManifestKind.PACK && m.kind() != ManifestKind.ELEMENT && root.get("id") instanceof YamlScalar id) {
            out.add(id);
        }
        for (List<String> ref : COMPONENT_REFERENCES) {
            YamlNode node = root;
            for (String key : ref) {
                node = node instanceof YamlMapping map ? map.get(key) : null;
            }
            if (node instanceof YamlSequence seq) {
                seq.items().forEach(i -> {
                    if (YamlNode.deref(i) instanceof YamlScalar s) {
                        out.add(s);
                    }
                });
            } else if (node instanceof YamlScalar s) {
                out.add(s);
            }
        }
        if (m.kind() == ManifestKind.PACK && root.get("aliases") instanceof YamlSequence aliases) {
            for (YamlNode a : aliases.items()) {
                if (YamlNode.deref(a) instanceof YamlMapping alias) {
                    for (String key : List.of("alias", "canonical_id")) {
                        if (alias.get(key) instanceof YamlScalar s) {
                            out.add(s);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<YamlScalar> reasons(Manifest m) {
        List<YamlScalar> out = new ArrayList<>();
        for (YamlMapping item : Permissions.items(m)) {
            if (item.get("reason") instanceof YamlScalar r) {
                out.add(r);
            }
        }
        return out;
    }

    private static Pattern wholeWord(String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])");
    }

    private static Location at(Manifest m, int start, int end) {
        return new Location(m.document().uri(), m.document().rangeOf(start, end));
    }
}
