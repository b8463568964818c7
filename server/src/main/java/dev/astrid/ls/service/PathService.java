package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paths a manifest names (content folders, documentation, resources, a runtime module, v3
 * action, ui and rendering files): links to them, hover saying what is there, and completion of
 * the names on disk. Paths are resolved inside the pack only; nothing outside it is read.
 */
public final class PathService {
    /** A link from a span of the manifest to a file or folder of the pack. */
    public record Link(int start, int end, String target) {}

    /** A value naming a file or folder: relative to {@code base}; {@code role} says what it holds. */
    private record Site(YamlScalar value, Path base, String role) {
        String relative() {
            return role.equals("module") ? value.value().replace('.', '/') + ".py" : value.value();
        }
    }

    private static final Map<String, ManifestKind> CONTENT = Map.of("executors", ManifestKind.EXECUTOR,
            "orchestrators", ManifestKind.ORCHESTRATOR);

    List<Link> links(Snapshot s) {
        List<Link> out = new ArrayList<>();
        PackFiles folder = folder(s);
        if (folder == null) {
            return out;
        }
        for (Site site : sites(s)) {
            folder.resolve(site.base(), site.relative()).filter(p -> present(folder, p))
                    .ifPresent(p -> out.add(new Link(site.value().start(), site.value().end(), Workspace.uri(p))));
        }
        return out;
    }

    Optional<HoverService.Hover> hover(Snapshot s, int offset) {
        PackFiles folder = folder(s);
        Site site = siteAt(s, offset);
        if (folder == null || site == null || site.value().isBlank()) {
            return Optional.empty();
        }
        String shown = Markdown.code(site.relative());
        Path p = folder.resolve(site.base(), site.relative()).orElse(null);
        String text;
        if (p == null) {
            text = shown + " points outside the pack: Astrid reads only files inside the pack's folder.";
        } else if (!present(folder, p)) {
            text = shown + " is not in the pack (looked for at " + Markdown.code(folder.root().relativize(p).toString())
                    + "; symbolic links are not followed).";
        } else if (!folder.isDirectory(p)) {
            long size = size(p);
            text = shown + ": a file" + (size >= 0 ? " of " + bytes(size) : "") + ".";
        } else {
            text = shown + ": " + folderSummary(folder, p, site.role());
        }
        return Optional.of(new HoverService.Hover(text, site.value().start(), site.value().end()));
    }

    /** File and folder names completing the path typed so far (folders only for a content folder). */
    List<CompletionService.Item> complete(Snapshot s, int offset) {
        PackFiles folder = folder(s);
        Site site = siteAt(s, offset);
        if (folder == null || site == null || site.role().equals("module")) {
            return List.of();
        }
        YamlScalar v = site.value();
        boolean quoted = v.style() == YamlScalar.Style.SINGLE_QUOTED || v.style() == YamlScalar.Style.DOUBLE_QUOTED;
        int start = quoted ? v.start() + 1 : v.start();
        String typed = s.document().text().substring(start, Math.max(start, Math.min(offset, s.document().text().length())));
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = folder.resolve(site.base(), dirPart.isEmpty() ? "." : dirPart).orElse(null);
        if (dir == null) {
            return List.of();
        }
        boolean foldersOnly = site.role().startsWith("content.");
        List<CompletionService.Item> out = new ArrayList<>();
        int wordStart = start + dirPart.length();
        int end = quoted ? Math.max(wordStart, v.end() - 1) : Math.max(offset, v.end());
        for (PackFiles.Entry e : folder.list(dir)) {
            if (foldersOnly && !e.folder()) {
                continue;
            }
            boolean isFolder = e.folder();
            out.add(new CompletionService.Item(e.name() + (isFolder ? "/" : ""), CompletionService.Kind.VALUE,
                    isFolder ? "folder" : "file", null, e.name(), false, (isFolder ? "0" : "1") + e.name(),
                    wordStart, Math.max(wordStart, end)));
        }
        return out;
    }

    /** The pack's files, when the pack is a folder on disk; paths outside a pack are not followed. */
    private static PackFiles folder(Snapshot s) {
        return s.pack() != null && s.pack().files().onDisk() ? s.pack().files() : null;
    }

    /** Present and not reached through a symbolic link: navigation never follows one. */
    private static boolean present(PackFiles files, Path p) {
        return files.exists(p) && !files.throughSymlink(p);
    }

    private static Site siteAt(Snapshot s, int offset) {
        String text = s.document().text();
        for (Site site : sites(s)) {
            YamlScalar v = site.value();
            // an empty value sits at its colon; the cursor is after the space typed behind it
            boolean empty = v.start() == v.end() && v.end() <= offset && offset <= text.length()
                    && text.substring(v.end(), offset).isBlank() && text.substring(v.end(), offset).indexOf('\n') < 0;
            if (v.start() <= offset && offset <= v.end() || empty) {
                return site;
            }
        }
        return null;
    }

    /** Every value of the manifest that names a file or folder. */
    private static List<Site> sites(Snapshot s) {
        List<Site> out = new ArrayList<>();
        Manifest m = s.manifest();
        YamlMapping root = m.root();
        Path file = Workspace.path(s.uri());
        if (root == null || file == null) {
            return out;
        }
        Path here = file.getParent();
        if (m.kind() == ManifestKind.PACK) {
            Path base = s.pack() != null ? s.pack().root() : here;
            if (root.get("content") instanceof YamlMapping content) {
                content.entries().forEach(e -> scalar(e.value(), base, "content." + e.keyText(), out));
            }
            if (root.get("docs") instanceof YamlMapping docs) {
                docs.entries().forEach(e -> scalar(e.value(), base, "file", out));
            }
            if (root.get("documentation") instanceof YamlMapping doc) {
                scalar(doc.get("path"), base, "file", out);
            }
            resources(root.get("resources"), base, out);
            resources(root.get("authoring_only"), base, out);
            if (root.get("database") instanceof YamlMapping db) {
                resources(db.get("migrations"), base, out);
            }
            for (String section : List.of("actions", "ui", "rendering", "documents")) {
                if (root.get(section) instanceof YamlMapping entries) {
                    for (YamlMapping.Entry e : entries.entries()) {
                        if (e.value() instanceof YamlMapping c) {
                            if (c.get("invocation") instanceof YamlMapping inv) {
                                scalar(inv.get("path"), base, "file", out);
                            }
                            scalar(c.get("entry"), base, "file", out);
                            scalar(c.get("path"), base, "file", out);
                            resources(c.get("resources"), base, out);
                        }
                    }
                }
            }
        } else {
            if (root.get("runtime") instanceof YamlMapping runtime) {
                scalar(runtime.get("module"), here, "module", out);
                argv(runtime.get("command"), here, out);
            }
            argv(root.get("command"), here, out);
            if (root.get("docs") instanceof YamlMapping docs) {
                docs.entries().forEach(e -> scalar(e.value(), here, "file", out));
            }
        }
        return out;
    }

    /** The argv words that look like a file of the component ({@code run.py}, {@code bin/render.sh}). */
    private static void argv(YamlNode command, Path base, List<Site> out) {
        if (command instanceof YamlMapping c && c.get("argv") instanceof YamlSequence argv) {
            for (YamlNode item : argv.items()) {
                if (YamlNode.deref(item) instanceof YamlScalar s && s.value().matches("[\\w.][\\w./-]*\\.\\w{1,4}|\\.?\\.?/[\\w./-]+")
                        && !s.value().startsWith("-")) {
                    out.add(new Site(s, base, "file"));
                }
            }
        }
    }

    private static void resources(YamlNode list, Path base, List<Site> out) {
        if (list instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                YamlNode i = YamlNode.deref(item);
                scalar(i instanceof YamlMapping r ? r.get("path") : i, base, "file", out);
            }
        }
    }

    private static void scalar(YamlNode node, Path base, String role, List<Site> out) {
        if (node instanceof YamlScalar s && s.kind() != YamlScalar.Kind.BOOL && s.kind() != YamlScalar.Kind.INT) {
            out.add(new Site(s, base, role));
        }
    }

    /** "3 executors: fetch, render, upload" for a content folder; else its first entries. */
    private static String folderSummary(PackFiles folder, Path dir, String role) {
        List<PackFiles.Entry> entries = folder.list(dir);
        ManifestKind kind = CONTENT.get(role.startsWith("content.") ? role.substring(8) : "");
        if (kind != null) {
            List<String> names = new ArrayList<>();
            for (PackFiles.Entry e : entries) {
                Path sub = dir.resolve(e.name());
                if (e.folder() && List.of("yaml", "yml", "json").stream()
                        .anyMatch(ext -> folder.isFile(sub.resolve(kind.baseName() + "." + ext)))) {
                    names.add(e.name());
                }
            }
            return names.size() + " " + kind.baseName() + (names.size() == 1 ? "" : "s")
                    + (names.isEmpty() ? "." : ": " + String.join(", ", names.stream().map(Markdown::text).toList()) + ".");
        }
        if (entries.isEmpty()) {
            return "an empty folder.";
        }
        List<String> shown = entries.stream().limit(12)
                .map(e -> Markdown.text(e.name() + (e.folder() ? "/" : ""))).toList();
        return "a folder of " + entries.size() + (entries.size() >= PackFiles.MAX_ENTRIES ? "+" : "") + " "
                + (entries.size() == 1 ? "entry" : "entries") + ": " + String.join(", ", shown)
                + (entries.size() > shown.size() ? ", …" : "") + ".";
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1; // an open buffer not saved yet, or gone meanwhile
        }
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " bytes" : n < 1024 * 1024 ? (n / 1024) + " KiB" : (n / (1024 * 1024)) + " MiB";
    }
}
