package dev.astrid.ls.workspace;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The packs of a workspace, kept current from open buffers (unsaved text wins), from file-change
 * notifications and from the files on disk. It only ever reads: nothing is written, executed or
 * fetched. Thread-safe; callers on any thread see a consistent snapshot per call.
 */
public final class Workspace {
    /** Files above this size are not even read (the parser's own limit is far lower). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", ".git", "target", "__pycache__", ".venv",
            "venv", "dist", "build");

    private record Cached(FileTime modified, long size, Manifest manifest) {}

    private final Map<String, TextDocument> open = new ConcurrentHashMap<>();
    private final Map<String, Manifest> openParsed = new ConcurrentHashMap<>();
    private final Map<Path, Cached> disk = new ConcurrentHashMap<>();
    /** Component manifest files per pack root, found by walking the pack's folder. */
    private final Map<Path, List<Path>> members = new ConcurrentHashMap<>();
    private final List<Path> roots = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addRoot(Path root) {
        roots.add(root.toAbsolutePath().normalize());
    }

    public List<Path> roots() {
        return List.copyOf(roots);
    }

    // ---- open buffers ----------------------------------------------------------------------

    public void open(TextDocument doc) {
        open.put(doc.uri(), doc);
        openParsed.remove(doc.uri());
        Path p = path(doc.uri());
        if (p != null && ManifestKind.of(p.toString()).isPresent() && !Files.exists(p)) {
            forget(p); // a new, unsaved manifest: pack membership may change
        }
    }

    public void close(String uri) {
        open.remove(uri);
        openParsed.remove(uri);
    }

    public TextDocument openDocument(String uri) {
        return open.get(uri);
    }

    public Set<String> openUris() {
        return Set.copyOf(open.keySet());
    }

    // ---- disk changes ----------------------------------------------------------------------

    /** A file was created, changed or deleted on disk. */
    public void changed(Path file) {
        Path p = file.toAbsolutePath().normalize();
        disk.remove(p);
        if (ManifestKind.of(p.toString()).isPresent() || p.getFileName().toString().equals(".no-pack")) {
            forget(p);
        }
    }

    /** Membership of every pack around the file may have changed. */
    private void forget(Path file) {
        members.keySet().removeIf(root -> file.startsWith(root) || root.startsWith(file.getParent()));
    }

    // ---- manifests -------------------------------------------------------------------------

    /** The manifest at a URI: the open buffer if any, else the file on disk; empty for other files. */
    public Optional<Manifest> manifest(String uri) {
        Optional<ManifestKind> kind = ManifestKind.of(uri);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        TextDocument doc = open.get(uri);
        if (doc != null) {
            Manifest cached = openParsed.get(uri);
            if (cached != null && cached.document() == doc) {
                return Optional.of(cached);
            }
            Manifest parsed = Manifest.parse(doc, kind.get());
            openParsed.put(uri, parsed);
            return Optional.of(parsed);
        }
        Path p = path(uri);
        return p == null ? Optional.empty() : fromDisk(p, kind.get());
    }

    public Optional<Manifest> manifest(Path file) {
        return manifest(uri(file));
    }

    private Optional<Manifest> fromDisk(Path p, ManifestKind kind) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            if (attrs.size() > MAX_FILE_BYTES) {
                return Optional.of(new Manifest(new TextDocument(uri(p), 0, ""), kind, YamlDocument.skipped(
                        YamlDocument.Limit.SIZE, (int) Math.min(Integer.MAX_VALUE, attrs.size()))));
            }
            Cached c = disk.get(p);
            if (c != null && c.modified().equals(attrs.lastModifiedTime()) && c.size() == attrs.size()) {
                return Optional.of(c.manifest());
            }
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            }
            Manifest m = Manifest.parse(new TextDocument(uri(p), 0, text), kind);
            disk.put(p, new Cached(attrs.lastModifiedTime(), attrs.size(), m));
            return Optional.of(m);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    // ---- packs -----------------------------------------------------------------------------

    /** The folder of the pack a manifest belongs to: the nearest one at or above it with a pack manifest. */
    public Optional<Path> packRootOf(String uri) {
        Path p = path(uri);
        if (p == null) {
            return Optional.empty();
        }
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            if (packManifestIn(dir).isPresent()) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The pack manifest file of a folder (open buffers included), if it has one. */
    public Optional<Path> packManifestIn(Path dir) {
        for (String name : List.of("pack.yaml", "pack.yml", "pack.json")) {
            Path candidate = dir.resolve(name);
            if (open.containsKey(uri(candidate)) || Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The pack around a manifest, or empty for a manifest with no pack above it. */
    public Optional<PackView> packOf(String uri) {
        return packRootOf(uri).flatMap(this::pack);
    }

    public Optional<PackView> pack(Path root) {
        Optional<Manifest> pack = packManifestIn(root).flatMap(this::manifest);
        if (pack.isEmpty()) {
            return Optional.empty();
        }
        List<Manifest> components = new ArrayList<>();
        for (Path file : componentFiles(root)) {
            manifest(file).ifPresent(components::add);
        }
        return Optional.of(new PackView(root, pack.get(), components, new PackFiles(root, this)));
    }

    /** The component manifests of a pack: on disk beneath it and not in a nested pack, plus open unsaved ones. */
    private List<Path> componentFiles(Path root) {
        List<Path> found = new ArrayList<>(members.computeIfAbsent(root, this::walkComponents));
        for (String uri : open.keySet()) {
            Path p = path(uri);
            if (p != null && p.startsWith(root) && !found.contains(p) && ManifestKind.of(uri).isPresent()
                    && ManifestKind.of(uri).get() != ManifestKind.PACK && root.equals(packRootOf(uri).orElse(null))) {
                found.add(p);
            }
        }
        found.sort(null);
        return found;
    }

    private List<Path> walkComponents(Path root) {
        List<Path> out = new ArrayList<>();
        walk(root, file -> {
            Optional<ManifestKind> kind = ManifestKind.of(file.toString());
            if (kind.isPresent() && kind.get() != ManifestKind.PACK) {
                out.add(file);
            }
        }, true);
        return out;
    }

    /**
     * Visits manifest files under a folder, skipping hidden and tool folders, folders with a
     * {@code .no-pack} marker, symlinked folders (no loops) and, when {@code stopAtNestedPacks},
     * folders that hold their own pack.
     */
    public void walk(Path root, Consumer<Path> visitor, boolean stopAtNestedPacks) {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 32, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        // Astrid's validator skips a folder holding a .no-pack marker, the root too.
                        return Files.exists(dir.resolve(".no-pack")) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (SKIPPED_DIRS.contains(name) || name.startsWith(".") || Files.exists(dir.resolve(".no-pack"))
                            || (stopAtNestedPacks && packManifestIn(dir).isPresent())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && ManifestKind.of(file.getFileName().toString()).isPresent()) {
                        visitor.accept(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: skip it, keep going
                }
            });
        } catch (IOException | SecurityException e) {
            // an unreadable root yields nothing
        }
    }

    // ---- URIs ------------------------------------------------------------------------------

    public static String uri(Path p) {
        return p.toAbsolutePath().normalize().toUri().toString();
    }

    /** The file path of a file: URI, or null for other schemes (untitled buffers and the like). */
    public static Path path(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
