package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Astrid checks on disk, on the path value that names each file: content folders, docs,
 * runtime files, modules and entrypoints of executors and orchestrators, STAGE.md (schema_version
 * 1 and 2, as banodoco/ArtAgents {@code astrid/core/pack/validate.py} does); declared resources and
 * the files of every declaration role, symlinks in the pack tree and the manifest's name
 * (canonical admission of schema_version 2 and 3, {@code astrid/core/pack/canonical.py}). Files are
 * looked up through the workspace, so open unsaved buffers count; a pack that is not a folder on
 * disk is not checked.
 */
@AutoService(Rule.class)
public final class PackFilesRule implements Rule {
    public static final Code MISSING = Code.error("path-missing");
    public static final Code MISSING_ACCEPTED = Code.warning("path-missing-accepted");
    public static final Code NOT_A_FILE = Code.error("path-not-file");
    public static final Code STAGE_MISSING = Code.warning("stage-notes-missing");
    public static final Code SYMLINK = Code.error("pack-symlink");
    public static final Code MANIFEST_NAME = Code.error("pack-manifest-name");
    public static final Code COMPONENT_MISSING = Code.error("element-component-missing");

    /** Every code of this rule: what Astrid finds on disk. */
    public static final List<Code> DISK = List.of(MISSING, MISSING_ACCEPTED, NOT_A_FILE, STAGE_MISSING, SYMLINK,
            MANIFEST_NAME, COMPONENT_MISSING);

    private static final List<String> ALTERNATES = List.of("pack.json", "pack.yml", "schema-pack.yaml");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> COMPONENT_FOLDERS = Set.of("executors", "orchestrators");

    @Override
    public List<Code> codes() {
        return DISK;
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        YamlMapping root = m.root();
        PackView pack = ctx.pack().orElse(null);
        if (root == null) {
            return;
        }
        if (m.kind() == ManifestKind.PACK) {
            Integer version = m.schemaVersion();
            boolean canonical = version != null && (version == 2 || version == 3);
            if (canonical) {
                manifestName(ctx, m, pack);
            }
            if (pack == null || !pack.files().onDisk() || !pack.pack().document().uri().equals(m.document().uri())) {
                return;
            }
            if (!canonical) {
                v1Pack(ctx, root, pack.files());
            } else if (!symlinks(ctx, pack.files())) {
                declaredPaths(ctx, root, version, pack.files());
            }
        } else if ((m.kind() == ManifestKind.EXECUTOR || m.kind() == ManifestKind.ORCHESTRATOR) && pack != null
                && pack.files().onDisk() && pack.pack().root() != null) {
            Integer version = pack.pack().schemaVersion();
            Path file = Workspace.path(m.document().uri());
            if ((version == null || version <= 2) && file != null) {
                component(ctx, root, file.getParent(), pack);
            }
        } else if (m.kind() == ManifestKind.ELEMENT && pack != null && pack.files().onDisk() && pack.pack().root() != null
                && pack.pack().schemaVersion() != null && pack.pack().schemaVersion() <= 2
                && ElementRule.kindFolder(m, pack) != null) {
            elementComponent(ctx, m, root, pack.files());
        }
    }

    // ---- the manifest itself -----------------------------------------------------------------

    private static void manifestName(RuleContext ctx, Manifest m, PackView pack) {
        Path file = Workspace.path(m.document().uri());
        YamlNode first = m.root().entries().isEmpty() ? m.root() : m.root().entries().get(0).key();
        if (file == null) {
            return;
        }
        if (!file.getFileName().toString().equals("pack.yaml")) {
            ctx.report(MANIFEST_NAME, first, "A schema_version " + m.schemaVersion() + " manifest must be named "
                    + "pack.yaml: Astrid's canonical loader reads no other name (Astrid: canonical manifest filename must "
                    + "be 'pack.yaml')");
            return;
        }
        PackFiles files = pack != null ? pack.files() : PackFiles.NONE;
        if (!files.onDisk()) {
            return;
        }
        List<String> beside = ALTERNATES.stream().map(file.getParent()::resolve)
                .filter(p -> files.exists(p) || files.isSymlink(p)).map(p -> p.getFileName().toString()).sorted().toList();
        if (!beside.isEmpty()) {
            ctx.report(MANIFEST_NAME, first, Strings.joinAnd(beside) + " beside pack.yaml: Astrid refuses a canonical pack "
                    + "with a second manifest; remove " + (beside.size() == 1 ? "it" : "them") + " (Astrid: legacy/alternate "
                    + "manifest(s) beside canonical pack: " + String.join(", ", beside) + ")");
        }
    }

    /** Canonical admission walks the whole pack tree first and refuses any symlink in it. */
    private static boolean symlinks(RuleContext ctx, PackFiles files) {
        YamlMapping root = ctx.manifest().root();
        YamlNode first = root.entries().isEmpty() ? root : root.entries().get(0).key();
        Path manifest = files.root().resolve("pack.yaml");
        Optional<Path> link = files.isSymlink(files.root()) ? Optional.of(files.root())
                : files.isSymlink(manifest) ? Optional.of(manifest) : files.firstSymlink();
        link.ifPresent(p -> {
            String shown = p.equals(files.root()) ? "the pack folder itself" : files.root().relativize(p).toString();
            ctx.report(SYMLINK, first, "The pack holds a symlink, " + Strings.shorten(shown) + ": Astrid refuses "
                    + "schema_version 2 and 3 packs with a symlink anywhere in their folder (Astrid: pack tree contains "
                    + "symlink or escaping path: " + Strings.shorten(p.toString()) + ")");
        });
        return link.isPresent();
    }

    // ---- schema_version 1 (the validator's checks) ---------------------------------------------

    private static void v1Pack(RuleContext ctx, YamlMapping root, PackFiles files) {
        if (root.get("content") instanceof YamlMapping content) {
            for (String key : List.of("executors", "orchestrators", "elements", "schemas", "examples")) {
                YamlScalar value = text(content.get(key));
                if (value != null && !files.isDirectory(files.root().resolve(value.value()))) {
                    boolean hard = !key.equals("schemas") && !key.equals("examples");
                    ctx.report(hard ? MISSING : MISSING_ACCEPTED, value, "Folder " + shown(value) + " does not exist: "
                            + (hard ? "Astrid's validator refuses the pack, and no " + key.substring(0, key.length() - 1)
                            + " of it is found" : "Astrid's validator only warns") + " (Astrid: " + value.value() + "/: "
                            + "declared content root " + (hard ? "'" + key + "' " : "") + "does not exist)");
                }
            }
        }
        if (root.get("docs") instanceof YamlMapping docs) {
            for (YamlMapping.Entry e : docs.entries()) {
                YamlScalar value = text(e.value());
                if (value != null && !files.isFile(files.root().resolve(value.value()))) {
                    ctx.report(MISSING_ACCEPTED, value, "File " + shown(value) + " does not exist: Astrid's validator "
                            + "only warns, but the trust summary points users at it (Astrid: " + value.value()
                            + ": declared docs file not found)");
                }
            }
        }
    }

    // ---- schema_version 2 and 3 (canonical admission) ---------------------------------------

    /** A declared path and the role Astrid's admission gives it. */
    private record Declared(YamlScalar path, String role, boolean fileRole) {}

    private static void declaredPaths(RuleContext ctx, YamlMapping root, int version, PackFiles files) {
        List<Declared> paths = new ArrayList<>();
        if (root.get("content") instanceof YamlMapping content) {
            for (YamlMapping.Entry e : content.entries()) {
                add(paths, e.value(), "content." + e.keyText(), false);
            }
        }
        if (root.get("agent") instanceof YamlMapping agent && agent.get("required_context") instanceof YamlSequence list) {
            list.items().forEach(item -> add(paths, item, "agent.required_context", false));
        }
        if (root.get("documentation") instanceof YamlMapping doc) {
            add(paths, doc.get("path"), "documentation", version == 3);
        }
        if (root.get("resources") instanceof YamlSequence resources) {
            resources.items().forEach(r -> add(paths, field(r, "path"), "resources", false));
        }
        if (version == 3) {
            declarations(root, paths);
        }
        for (Declared d : paths) {
            String value = d.path().value();
            Path p = files.root().resolve(value);
            if (!files.exists(p)) {
                ctx.report(MISSING, d.path(), shown(d.path()) + " does not exist in the pack: canonical admission refuses "
                        + "the pack (Astrid: resource '" + Strings.shorten(value) + "' is missing or escapes owner root)");
            } else if (d.fileRole() && !files.isFile(p)) {
                ctx.report(NOT_A_FILE, d.path(), shown(d.path()) + " is a folder, but " + d.role() + " must name a file "
                        + "(Astrid: " + d.role() + " must name a regular file: '" + Strings.shorten(value) + "')");
            }
        }
    }

    /** The v3 declaration roles: python code, schema files, UI entries and descriptors must be files. */
    private static void declarations(YamlMapping root, List<Declared> paths) {
        for (String section : List.of("actions", "ui", "rendering", "documents")) {
            if (!(root.get(section) instanceof YamlMapping declarations)) {
                continue;
            }
            for (YamlMapping.Entry e : declarations.entries()) {
                if (!(YamlNode.deref(e.value()) instanceof YamlMapping item)) {
                    continue;
                }
                String role = section + "." + e.keyText();
                switch (section) {
                    case "actions" -> {
                        if (item.get("invocation") instanceof YamlMapping inv && inv.get("kind") instanceof YamlScalar k
                                && k.value().equals("python")) {
                            add(paths, inv.get("path"), role + ".invocation.path", true);
                        }
                        add(paths, item.get("inputs"), role + ".inputs", true);
                        add(paths, item.get("outputs"), role + ".outputs", true);
                    }
                    case "ui" -> add(paths, item.get("entry"), role + ".entry", true);
                    case "rendering" -> add(paths, item.get("path"), role + ".path", true);
                    default -> add(paths, item.get("schema"), role + ".schema", true);
                }
                if (item.get("resources") instanceof YamlSequence resources) {
                    resources.items().forEach(r -> add(paths, field(r, "path"), role + ".resources", false));
                }
            }
        }
    }

    /** Only paths admission would accept as relative: the schema reports the others. */
    private static void add(List<Declared> paths, YamlNode node, String role, boolean fileRole) {
        if (node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && safeRelative(s.value())) {
            paths.add(new Declared(s, role, fileRole));
        }
    }

    private static boolean safeRelative(String v) {
        if (v.isEmpty() || v.startsWith("/") || v.contains("\\") || v.equals("pack.yaml")) {
            return false;
        }
        for (String part : v.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || !SEGMENT.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    // ---- executors and orchestrators (the validator's checks) ---------------------------------

    /**
     * An element's React component, {@code component.tsx} beside its manifest, which Astrid's element
     * loader requires unless {@code runtime.adapter} renders the element (peteromallet/Astrid-agent
     * {@code astrid/core/element/schema.py}, {@code load_element_definition}; older loaders require it
     * always, so only an element both refuse is reported).
     */
    private static void elementComponent(RuleContext ctx, Manifest m, YamlMapping root, PackFiles files) {
        Path file = Workspace.path(m.document().uri());
        if (file == null || files.isFile(file.resolveSibling("component.tsx"))
                || root.get("runtime") instanceof YamlMapping runtime && truthy(runtime.get("adapter"))) {
            return;
        }
        YamlNode idNode = root.get("id");
        String id = truthy(idNode) && idNode instanceof YamlScalar s ? s.value() : m.folderName();
        YamlNode at = idNode != null ? RuleContext.anchor(idNode) : root.entries().isEmpty() ? root
                : root.entries().get(0).key();
        ctx.report(COMPONENT_MISSING, at, "Element '" + Strings.shorten(id) + "' has no component.tsx beside its manifest: "
                + "Astrid's loader refuses the element; add it, or name a runtime.adapter that renders it (Astrid: element '"
                + Strings.shorten(id) + "' missing component.tsx)");
    }

    /** Python's truth of a YAML value: not null, false, 0, an empty string or an empty collection. */
    private static boolean truthy(YamlNode node) {
        YamlNode n = YamlNode.deref(node);
        if (n instanceof YamlScalar s) {
            return !s.isNull() && !s.value().isEmpty() && !(s.kind() == YamlScalar.Kind.BOOL && !YamlScalar.isTrue(s))
                    && !(s.kind() == YamlScalar.Kind.INT && s.value().matches("[-+]?0+"))
                    && !(s.kind() == YamlScalar.Kind.FLOAT && s.value().matches("[-+]?0*\\.?0*"));
        }
        return n instanceof YamlMapping mapping ? !mapping.entries().isEmpty()
                : n instanceof YamlSequence seq && !seq.items().isEmpty();
    }

    private static void component(RuleContext ctx, YamlMapping root, Path dir, PackView pack) {
        PackFiles files = pack.files();
        if (ctx.manifest().kind() == ManifestKind.EXECUTOR) {
            entrypoint(ctx, files, dir, root.get("entrypoint"), "entrypoint");
            if (root.get("runtime") instanceof YamlMapping runtime) {
                entrypoint(ctx, files, dir, runtime.get("entrypoint"), "runtime entrypoint");
                command(ctx, pack, dir, runtime.get("command"));
            }
            command(ctx, pack, dir, root.get("command"));
            if (root.get("metadata") instanceof YamlMapping metadata) {
                entrypoint(ctx, files, dir, metadata.get("runtime_file"), "metadata.runtime_file");
                module(ctx, pack, dir, metadata.get("runtime_module"), "metadata.runtime_module");
            }
        } else if (root.get("runtime") instanceof YamlMapping runtime && runtime.get("kind") instanceof YamlScalar kind) {
            if (kind.value().equals("python")) {
                module(ctx, pack, dir, runtime.get("module"), "runtime.module");
            } else if (kind.value().equals("command")) {
                command(ctx, pack, dir, runtime.get("command"));
            }
        }
        YamlNode stageNode = root.get("docs") instanceof YamlMapping docs ? docs.get("stage") : null;
        String stage = stageNode instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING ? s.value() : "STAGE.md";
        if (!files.isFile(dir.resolve(stage))) {
            YamlNode at = stageNode instanceof YamlScalar s && s.end() > s.start() ? stageNode
                    : root.get("id") != null ? RuleContext.anchor(root.get("id")) : root.entries().isEmpty() ? root
                    : root.entries().get(0).key();
            ctx.report(STAGE_MISSING, at, "No " + stage + " beside this " + ctx.manifest().kind().baseName() + ": Astrid's "
                    + "validator warns, as the stage notes are what it shows users for the component (Astrid: "
                    + relative(pack, dir.resolve(stage)) + ": STAGE.md not found)");
        }
    }

    private static void entrypoint(RuleContext ctx, PackFiles files, Path dir, YamlNode node, String label) {
        YamlScalar value = text(node);
        if (value != null && !value.value().contains("{") && !value.value().contains("}")
                && !files.isFile(dir.resolve(value.value()))) {
            ctx.report(MISSING, value, "File " + shown(value) + " does not exist beside this component: Astrid's "
                    + "validator refuses the pack, and the component fails when it runs (Astrid: " + value.value() + ": "
                    + label + " file not found)");
        }
    }

    /** The first {@code -m module}, else the first argument that looks like a local file (Astrid's order). */
    private static void command(RuleContext ctx, PackView pack, Path dir, YamlNode command) {
        YamlNode argv = command instanceof YamlMapping c ? c.get("argv") : command;
        if (!(argv instanceof YamlSequence list)) {
            return;
        }
        List<YamlScalar> parts = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (YamlNode.deref(item) instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING) {
                parts.add(s);
            }
        }
        for (int i = 0; i + 1 < parts.size(); i++) {
            if (parts.get(i).value().equals("-m")) {
                module(ctx, pack, dir, parts.get(i + 1), "command.argv module");
                return;
            }
        }
        for (YamlScalar part : parts) {
            String v = part.value();
            if (!v.isEmpty() && !v.startsWith("-") && !v.contains("{") && !v.contains("}")
                    && (v.endsWith(".py") || v.contains("/") || v.contains("\\"))) {
                entrypoint(ctx, pack.files(), dir, part, "command.argv entrypoint");
                return;
            }
        }
    }

    private static void module(RuleContext ctx, PackView pack, Path dir, YamlNode node, String label) {
        YamlScalar value = text(node);
        if (value == null || value.value().contains("{") || value.value().contains("}")) {
            return;
        }
        String module = value.value();
        String[] parts = module.split("\\.", -1);
        String packId = pack.id();
        String name = dir.getFileName().toString();
        Path file;
        boolean qualified = true;
        if (parts.length >= 6 && parts[0].equals("astrid") && parts[1].equals("packs") && parts[2].equals(packId)
                && COMPONENT_FOLDERS.contains(parts[3]) && parts[4].equals(name)) {
            file = moduleFile(dir, parts, 5);
        } else if (parts.length >= 4 && parts[0].equals(packId) && COMPONENT_FOLDERS.contains(parts[1])
                && parts[2].equals(name)) {
            file = moduleFile(pack.root(), parts, 1);
        } else if (parts.length >= 5 && parts[0].equals("astrid") && parts[1].equals("packs") && parts[2].equals(packId)
                && parts[3].equals(name)) {
            file = moduleFile(dir, parts, 4);
        } else if (module.startsWith("astrid.")) {
            return; // a module of Astrid's own tree: not in this pack
        } else {
            file = moduleFile(dir, parts, 0);
            qualified = false;
        }
        if (pack.files().isFile(file)) {
            return;
        }
        String astrid = " (Astrid: " + relative(pack, dir) + ": " + label + " file not found for module '"
                + Strings.shorten(module) + "': " + relative(pack, file) + ")";
        if (qualified) {
            ctx.report(MISSING, value, "Module '" + Strings.shorten(module) + "' has no file " + relative(pack, file)
                    + ": Astrid's validator refuses the pack, and the component fails when it runs" + astrid);
        } else {
            ctx.report(MISSING_ACCEPTED, value, "Module '" + Strings.shorten(module) + "' has no file "
                    + relative(pack, file) + ": Astrid's validator looks there and refuses the pack, though at run time "
                    + "Python may find an installed module of that name" + astrid);
        }
    }

    private static Path moduleFile(Path base, String[] parts, int from) {
        Path p = base;
        for (int i = from; i < parts.length; i++) {
            p = p.resolve(i == parts.length - 1 ? parts[i] + ".py" : parts[i]);
        }
        return p;
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A non-blank string scalar, else null. */
    private static YamlScalar text(YamlNode node) {
        return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !s.value().isBlank() ? s : null;
    }

    private static YamlNode field(YamlNode item, String key) {
        return YamlNode.deref(item) instanceof YamlMapping m ? m.get(key) : null;
    }

    private static String shown(YamlScalar path) {
        return "`" + Strings.shorten(path.value()) + "`";
    }

    private static String relative(PackView pack, Path p) {
        Path n = p.toAbsolutePath().normalize();
        return n.startsWith(pack.root()) ? pack.root().relativize(n).toString().replace('\\', '/') : n.toString();
    }
}
