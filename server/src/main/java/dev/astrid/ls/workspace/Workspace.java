package dev.astrid.ls.workspace;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlParser;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The packs of a workspace, kept current from open buffers (unsaved text wins), from file-change
 * notifications and from the files on disk. It only ever reads: nothing is written, executed or
 * fetched. Thread-safe; callers on any thread see a consistent snapshot per call.
 *
 * <p>What it reads, one policy everywhere (pack lookup, the walk, the CLI): open buffers, and
 * files on disk inside the workspace roots, never above them. A manifest that is a symbolic link
 * is never followed, nor one that is not a regular file: it is reported as not read.
 */
public final class Workspace {
    /** Folders deeper than this below a root are not searched; the walk reports them. */
    public static final int MAX_DEPTH = 64;
    /**
     * Parsed files kept from disk, by an estimate of their size in memory (a parsed manifest holds
     * about 9 bytes per character), least recently used dropped first: well below an editor's
     * 128 MiB heap however large the workspace.
     */
    static final long CACHE_BYTES = 24L * 1024 * 1024;
    /** Component lists of this many packs are kept. */
    static final int CACHED_PACKS = 4096;
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", ".git", "target", "__pycache__", ".venv",
            "venv", "dist", "build");

    private record Cached(FileTime modified, long size, Object key, Manifest manifest, long weight) {}

    private final Map<String, TextDocument> open = new ConcurrentHashMap<>();
    private final Map<String, Manifest> openParsed = new ConcurrentHashMap<>();
    /** Guarded by itself; in access order, for least-recently-used eviction. */
    private final LinkedHashMap<Path, Cached> disk = new LinkedHashMap<>(64, 0.75f, true);
    private long diskWeight;
    /** What the walk of each pack's folder found; guarded by itself. */
    private final LinkedHashMap<Path, Members> members = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Members> eldest) {
            return size() > CACHED_PACKS;
        }
    };
    /** Python modules read from disk, by path, least recently used dropped first; guarded by itself. */
    private final LinkedHashMap<Path, CachedCode> code = new LinkedHashMap<>(64, 0.75f, true);
    private long codeChars;

    /**
     * A pack folder's files as one walk found them: component manifests, Python modules, files of
     * other programming languages, and the Python the walk could not list.
     */
    record Members(List<Path> components, List<Path> python, List<Path> otherCode, List<PackFiles.Skipped> skipped) {
        static final Members NONE = new Members(List.of(), List.of(), List.of(), List.of());
    }

    private record CachedCode(FileTime modified, long size, Object key, String text) {}

    /** Python text kept from disk: a pack of 10,000 lines is about 400,000 characters. */
    static final long CODE_CACHE_CHARS = 4L << 20;
    private final List<Path> roots = new CopyOnWriteArrayList<>();

    public void addRoot(Path root) {
        Path p = root.toAbsolutePath().normalize();
        if (!roots.contains(p)) {
            roots.add(p);
        }
    }

    /** A root is no longer part of the workspace: nothing under it is read from disk any more. */
    public void removeRoot(Path root) {
        Path p = root.toAbsolutePath().normalize();
        roots.remove(p);
        forgetUnder(p);
    }

    public List<Path> roots() {
        return List.copyOf(roots);
    }

    /** The root holding a path (the outermost, when roots nest), or null when it is outside them all. */
    public Path rootOf(Path p) {
        Path found = null;
        for (Path root : roots) {
            if (p.startsWith(root) && (found == null || found.startsWith(root))) {
                found = root;
            }
        }
        return found;
    }

    // ---- open buffers ----------------------------------------------------------------------

    /** A document was opened (or replaced). A new, unsaved manifest may change what its pack holds. */
    public void open(TextDocument doc) {
        boolean fresh = open.put(doc.uri(), doc) == null; // the last parse stays: the next one starts from it
        Path p = path(doc.uri());
        if (fresh && p != null && ManifestKind.of(p.toString()).isPresent() && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            forget(p);
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

    /**
     * A file or folder was created, changed or deleted on disk: what was read from it, and the
     * membership of every pack around it, is read again when next asked.
     */
    public void changed(Path file) {
        Path p = file.toAbsolutePath().normalize();
        forgetUnder(p);
        forget(p);
    }

    /** Membership of every pack around the path may have changed. */
    private void forget(Path file) {
        Path parent = file.getParent();
        synchronized (members) {
            members.keySet().removeIf(root -> file.startsWith(root) || (parent != null && root.startsWith(parent)));
        }
    }

    private void forgetUnder(Path dir) {
        synchronized (code) {
            for (Iterator<Map.Entry<Path, CachedCode>> it = code.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, CachedCode> e = it.next();
                if (e.getKey().startsWith(dir)) {
                    codeChars -= e.getValue().text().length();
                    it.remove();
                }
            }
        }
        synchronized (disk) {
            for (Iterator<Map.Entry<Path, Cached>> it = disk.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, Cached> e = it.next();
                if (e.getKey().startsWith(dir)) {
                    diskWeight -= e.getValue().weight();
                    it.remove();
                }
            }
        }
        synchronized (members) {
            members.keySet().removeIf(root -> root.startsWith(dir));
        }
    }

    // ---- manifests -------------------------------------------------------------------------

    /**
     * The manifest at a URI: the open buffer if any, else the file on disk when it lies inside the
     * workspace roots; empty for other files.
     */
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
            Manifest parsed = parse(doc, kind.get(), cached);
            openParsed.put(uri, parsed);
            return Optional.of(parsed);
        }
        Path p = path(uri);
        return p == null || rootOf(p) == null ? Optional.empty() : fromDisk(p, kind.get());
    }

    public Optional<Manifest> manifest(Path file) {
        return manifest(uri(file));
    }

    private Optional<Manifest> fromDisk(Path p, ManifestKind kind) {
        String uri = uri(p);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(Manifest.notRead(uri, kind, "this file could not be read (" + reason(e) + ")"));
        }
        if (attrs.isSymbolicLink()) {
            return Optional.of(Manifest.notRead(uri, kind, "this manifest is a symbolic link, and links are never "
                    + "followed (they could lead outside the workspace)"));
        }
        if (attrs.isDirectory()) {
            return Optional.of(Manifest.notRead(uri, kind, "this is a folder with a manifest's name, not a file"));
        }
        if (!attrs.isRegularFile()) {
            return Optional.of(Manifest.notRead(uri, kind, "this is not a regular file (a named pipe or a device)"));
        }
        // A UTF-16 character takes at most 3 bytes of UTF-8: a file this big is over the limit unread.
        if (attrs.size() > 3L * YamlParser.MAX_CHARS) {
            return Optional.of(new Manifest(new TextDocument(uri, 0, ""), kind,
                    YamlDocument.skipped(YamlDocument.Limit.SIZE, YamlParser.MAX_CHARS + 1)));
        }
        synchronized (disk) {
            Cached c = disk.get(p);
            if (c != null && c.modified().equals(attrs.lastModifiedTime()) && c.size() == attrs.size()
                    && java.util.Objects.equals(c.key(), attrs.fileKey())) {
                return Optional.of(c.manifest());
            }
        }
        String text;
        try {
            text = read(p);
        } catch (IOException | SecurityException e) {
            return Optional.of(Manifest.notRead(uri, kind, "this file could not be read (" + reason(e) + ")"));
        }
        Manifest m = text.length() > YamlParser.MAX_CHARS
                ? new Manifest(new TextDocument(uri, 0, ""), kind, YamlDocument.skipped(YamlDocument.Limit.SIZE, text.length()))
                : parse(new TextDocument(uri, 0, text), kind);
        if (m.notRead() != null) {
            return Optional.of(m); // not kept: memory may be back next time
        }
        cache(p, new Cached(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey(), m,
                16L * m.document().text().length() + 1024));
        return Optional.of(m);
    }

    /** A parse that fails (out of memory, a bug) gives a manifest reported as not read, and says so in the log. */
    private static Manifest parse(TextDocument doc, ManifestKind kind) {
        return parse(doc, kind, null);
    }

    /** From the buffer's previous parse when there is one (a keystroke re-reads one scalar, not the file). */
    private static Manifest parse(TextDocument doc, ManifestKind kind, Manifest previous) {
        try {
            return previous != null && previous.kind() == kind ? previous.edited(doc) : Manifest.parse(doc, kind);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            System.err.println("astrid-pack-ls: could not parse " + doc.uri() + ": " + e);
            return Manifest.notRead(doc.uri(), kind, e instanceof OutOfMemoryError
                    ? "the server ran out of memory parsing this file; give it more memory (-Xmx) or make the file smaller"
                    : "parsing it failed (" + e + "), a bug in astrid-pack-ls: the server log has the details");
        }
    }

    /**
     * At most one character more than the parser takes, decoded as UTF-8 (bytes that are not UTF-8
     * become U+FFFD, which a rule reports). Opened without following a link, so that a file swapped
     * for a link after the check above is not read through it.
     */
    private static String read(Path p) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader in = Channels.newReader(Files.newByteChannel(p, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)), decoder, -1)) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while (out.length() <= YamlParser.MAX_CHARS && (n = in.read(buffer, 0,
                    Math.min(buffer.length, YamlParser.MAX_CHARS + 1 - out.length()))) > 0) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        }
    }

    private void cache(Path p, Cached c) {
        if (c.weight() > CACHE_BYTES) {
            return;
        }
        synchronized (disk) {
            Cached previous = disk.put(p, c);
            diskWeight += c.weight() - (previous == null ? 0 : previous.weight());
            for (Iterator<Cached> it = disk.values().iterator(); diskWeight > CACHE_BYTES && it.hasNext(); ) {
                diskWeight -= it.next().weight();
                it.remove();
            }
        }
    }

    private static String reason(Exception e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    // ---- packs -----------------------------------------------------------------------------

    /**
     * The folder of the pack a manifest belongs to: the nearest one at or above it with a pack
     * manifest, never above the workspace root that holds it. Outside the roots only open buffers
     * count (nothing there is read from disk).
     */
    public Optional<Path> packRootOf(String uri) {
        Path p = path(uri);
        return p == null || p.getParent() == null ? Optional.empty() : enclosingPack(p.getParent());
    }

    /** The nearest pack folder at or above a folder, within the same limits as {@link #packRootOf}. */
    public Optional<Path> enclosingPack(Path folder) {
        Path root = rootOf(folder);
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            if (packManifestIn(dir).isPresent()) {
                return Optional.of(dir);
            }
            if (dir.equals(root)) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * The pack manifest of a folder, if it has one: an open buffer, or, inside the roots, a file of
     * that name of any kind (one that cannot be read still makes the folder a pack, whose manifest
     * is then reported as not read).
     */
    public Optional<Path> packManifestIn(Path dir) {
        boolean onDisk = rootOf(dir) != null;
        for (String name : List.of("pack.yaml", "pack.yml", "pack.json")) {
            Path candidate = dir.resolve(name);
            if (open.containsKey(uri(candidate)) || (onDisk && Files.exists(candidate, LinkOption.NOFOLLOW_LINKS))) {
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
        // outside the roots only open buffers are read: the pack's files on disk are not asked about
        return Optional.of(new PackView(root, pack.get(), components, new PackFiles(root, this, rootOf(root) != null)));
    }

    /** The URIs of a pack's manifests: its pack manifest and its components (open unsaved ones included). */
    public List<String> memberUris(Path root) {
        List<String> out = new ArrayList<>();
        packManifestIn(root).ifPresent(p -> out.add(uri(p)));
        componentFiles(root).forEach(p -> out.add(uri(p)));
        return out;
    }

    /** The component manifests of a pack: on disk beneath it and not in a nested pack, plus open unsaved ones. */
    private List<Path> componentFiles(Path root) {
        List<Path> walked = members(root).components();
        Set<Path> found = new HashSet<>(walked);
        List<Path> out = new ArrayList<>(walked);
        for (String uri : open.keySet()) {
            Path p = path(uri);
            Optional<ManifestKind> kind = ManifestKind.of(uri);
            if (p != null && p.startsWith(root) && kind.isPresent() && kind.get() != ManifestKind.PACK
                    && !found.contains(p) && root.equals(packRootOf(uri).orElse(null))) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    /** The walk of a pack folder inside the roots, from the cache when nothing changed since; none outside them. */
    Members members(Path root) {
        Members walked;
        synchronized (members) {
            walked = members.get(root);
        }
        if (walked == null) {
            walked = rootOf(root) == null ? Members.NONE : walkMembers(root);
            synchronized (members) {
                members.put(root, walked);
            }
        }
        return walked;
    }

    /**
     * One walk of a pack's folder, not into nested packs: component manifests, {@code .py} files
     * (at most {@link PackFiles#MAX_PYTHON_FILES}) and other code. A symbolic link is never
     * followed; one to a Python file or a folder outside the pack is reported, as the pack's code
     * may be behind it (one inside it is left out silently: its target is read where it is).
     */
    private Members walkMembers(Path root) {
        List<Path> components = new ArrayList<>();
        List<Path> python = new ArrayList<>();
        List<Path> other = new ArrayList<>();
        List<PackFiles.Skipped> skipped = new ArrayList<>();
        boolean[] full = {false};
        walk(root, true, (file, attrs) -> {
            String name = file.getFileName().toString();
            Optional<ManifestKind> kind = ManifestKind.of(name);
            if (kind.isPresent()) {
                if (kind.get() != ManifestKind.PACK) {
                    components.add(file);
                }
            } else if (attrs.isSymbolicLink()) {
                linkOut(root, file, name.endsWith(".py")).ifPresent(skipped::add);
            } else if (attrs.isRegularFile() && name.endsWith(".py")) {
                if (python.size() < PackFiles.MAX_PYTHON_FILES) {
                    python.add(file);
                } else if (!full[0]) {
                    full[0] = true;
                    skipped.add(new PackFiles.Skipped(uri(root), "the pack has more than " + PackFiles.MAX_PYTHON_FILES
                            + " Python files; the rest were not read", false));
                }
            } else if (name.endsWith(".py") && attrs.isOther()) {
                skipped.add(new PackFiles.Skipped(uri(file), "not a regular file (a named pipe or a device)", false));
            } else if (attrs.isRegularFile() && PackFiles.isOtherCode(name) && other.size() < PackFiles.MAX_ENTRIES) {
                other.add(file);
            }
        }, (file, problem) -> skipped.add(new PackFiles.Skipped(uri(file), problem.why(), problem.failed())));
        return new Members(List.copyOf(components), List.copyOf(python), List.copyOf(other), List.copyOf(skipped));
    }

    /** A link whose target is outside the pack, and a Python file or a folder: the pack's code may be there. */
    private static Optional<PackFiles.Skipped> linkOut(Path root, Path link, boolean python) {
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(root.toRealPath()) && (python || Files.isDirectory(target))) {
                return Optional.of(new PackFiles.Skipped(uri(link), "a symbolic link to outside the pack, not followed",
                        false));
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return python ? Optional.of(new PackFiles.Skipped(uri(link), "a symbolic link that cannot be resolved",
                    false)) : Optional.empty();
        }
    }

    /**
     * A Python module's text from disk, from the cache when the file's time, size and identity are
     * unchanged; never through a symbolic link. Too large, binary or unreadable files give a reason.
     */
    PackFiles.Read readCode(Path p) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return PackFiles.Read.GONE;
        } catch (IOException | SecurityException e) {
            return PackFiles.Read.failed("could not be read (" + reason(e) + ")");
        }
        if (!attrs.isRegularFile()) {
            return PackFiles.Read.GONE; // replaced by a link or a folder since the walk
        }
        String tooLarge = "larger than " + PackFiles.MAX_PYTHON_BYTES / (1024 * 1024) + " MiB";
        if (attrs.size() > PackFiles.MAX_PYTHON_BYTES) {
            return PackFiles.Read.skipped(tooLarge);
        }
        synchronized (code) {
            CachedCode c = code.get(p);
            if (c != null && c.modified().equals(attrs.lastModifiedTime()) && c.size() == attrs.size()
                    && java.util.Objects.equals(c.key(), attrs.fileKey())) {
                return PackFiles.Read.of(c.text());
            }
        }
        byte[] bytes;
        try (var in = Channels.newInputStream(Files.newByteChannel(p, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)))) {
            bytes = in.readNBytes((int) PackFiles.MAX_PYTHON_BYTES + 1);
        } catch (IOException | SecurityException e) {
            return PackFiles.Read.failed("could not be read (" + reason(e) + ")");
        }
        if (bytes.length > PackFiles.MAX_PYTHON_BYTES) {
            return PackFiles.Read.skipped(tooLarge);
        }
        for (byte b : bytes) {
            if (b == 0) {
                return PackFiles.Read.skipped("binary, not Python text");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        // an editor's document has no byte-order mark, so offsets agree only without it
        String read = text.startsWith("\uFEFF") ? text.substring(1) : text;
        synchronized (code) {
            CachedCode previous = code.put(p, new CachedCode(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey(), read));
            codeChars += read.length() - (previous == null ? 0 : previous.text().length());
            for (Iterator<CachedCode> it = code.values().iterator(); codeChars > CODE_CACHE_CHARS && it.hasNext(); ) {
                codeChars -= it.next().text().length();
                it.remove();
            }
        }
        return PackFiles.Read.of(read);
    }

    /** Whether a path below a folder passes through a folder the walk never enters. */
    static boolean inSkippedFolder(Path root, Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            if (skipped(dir)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Visits the manifests under a folder: every entry with a manifest's name, regular file or not
     * (links, pipes and folders so named are reported when read). Skips hidden and tool folders,
     * folders with a {@code .no-pack} marker, symlinked folders (no loops) and, when
     * {@code stopAtNestedPacks}, folders that hold their own pack. Folders it cannot read, and
     * folders more than {@link #MAX_DEPTH} levels down, go to {@code problems}.
     */
    public void walk(Path root, Consumer<Path> visitor, boolean stopAtNestedPacks, Consumer<String> problems) {
        walk(root, stopAtNestedPacks, (file, attrs) -> {
            if (ManifestKind.of(file.getFileName().toString()).isPresent()) {
                visitor.accept(file);
            }
        }, (file, problem) -> problems.accept(file + ": " + problem.why()));
    }

    /** Why a walk did not look inside a folder; {@code failed} when it tried and could not. */
    private record Problem(String why, boolean failed) {}

    /**
     * The walk behind {@link #walk}: every entry that is not a folder (links included, never
     * followed), and folders named like a manifest, each with its attributes and its path normalised.
     */
    private void walk(Path root, boolean stopAtNestedPacks, BiConsumer<Path, BasicFileAttributes> entries,
                      BiConsumer<Path, Problem> problems) {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        // Astrid's validator skips a folder holding a .no-pack marker, the root too.
                        return Files.exists(dir.resolve(".no-pack")) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }
                    if (skipped(dir) || (stopAtNestedPacks && packManifestIn(dir).isPresent())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (ManifestKind.of(dir.getFileName().toString()).isPresent()) {
                        entries.accept(dir.toAbsolutePath().normalize(), attrs); // a folder named like a manifest
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isDirectory()) {
                        // only folders at the depth limit are visited as files
                        if (!skipped(file)) {
                            problems.accept(file, new Problem("not searched, more than " + MAX_DEPTH
                                    + " folders below " + root, false));
                        }
                    } else {
                        entries.accept(file.toAbsolutePath().normalize(), attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!file.equals(root) || !(e instanceof NoSuchFileException)) {
                        problems.accept(file, new Problem("could not be read (" + reason(e) + ")", true));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            problems.accept(root, new Problem("could not be read (" + reason(e) + ")", true));
        }
    }

    /** A folder the walk never enters: hidden, a tool's output, or marked {@code .no-pack}. */
    private static boolean skipped(Path dir) {
        String name = dir.getFileName().toString();
        return SKIPPED_DIRS.contains(name) || name.startsWith(".") || Files.exists(dir.resolve(".no-pack"));
    }

    /**
     * Whether the walk of the workspace reaches this file or folder: inside a root, within the
     * depth limit, and in no folder the walk skips. Diagnostics of a file that is not open are
     * shown only for such files.
     */
    public boolean walked(Path path) {
        Path root = rootOf(path);
        if (root == null || path.getNameCount() - root.getNameCount() > MAX_DEPTH
                || Files.exists(root.resolve(".no-pack"))) {
            return false;
        }
        for (Path p = path; !p.equals(root); p = p.getParent()) {
            if ((p != path || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) && skipped(p)) {
                return false;
            }
        }
        return true;
    }

    // ---- URIs ------------------------------------------------------------------------------

    public static String uri(Path p) {
        return p.toAbsolutePath().normalize().toUri().toString();
    }

    /** The URI prefix of everything under a folder, with one trailing slash whether the folder exists or not. */
    public static String folderUri(Path dir) {
        String u = uri(dir);
        return u.endsWith("/") ? u : u + "/";
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
