package dev.astrid.ls.workspace;

import dev.astrid.ls.text.TextDocument;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Read-only questions about the files of one pack, for the checks Astrid makes on disk: does a
 * path exist, is it a file or a folder, does the tree hold a symlink; and the pack's code, for
 * the disclosure checks. An open buffer counts as a file (and its folders as folders) even before
 * it is saved; everything else is asked of the disk at the moment of the question, so created and
 * deleted files count as soon as they happen (the list of the pack's code comes from the
 * workspace's walk, renewed by its file-change events; each file's text is re-read when its time
 * or size changed). Never writes, never follows a path out of the pack.
 */
public final class PackFiles {
    /** A walk of the pack tree stops after this many entries (a pack is a few hundred files): about 20 ms. */
    public static final int MAX_WALK = 5_000;

    /** A Python module larger than this is not read (10,000 lines of Python is about 400 KB). */
    public static final long MAX_PYTHON_BYTES = 2L * 1024 * 1024;
    /** A pack with more Python files than this is analysed in part, and says so. */
    public static final int MAX_PYTHON_FILES = 5_000;

    /** For packs that are not a folder on this disk (a revision read from git, say): nothing can be checked. */
    public static final PackFiles NONE = new PackFiles(null, null, false);

    private final Path root;
    private final Workspace workspace;
    private final boolean disk;
    /** The walk of the pack tree, made when first asked for. */
    private volatile List<Walked> tree;

    /** @param disk whether the pack lies inside the workspace roots, so that its files on disk may be read */
    PackFiles(Path root, Workspace workspace, boolean disk) {
        this.root = root;
        this.workspace = workspace;
        this.disk = disk;
    }

    /** True when the pack is a folder on disk, so that the questions below have answers. */
    public boolean onDisk() {
        return disk && root != null && Files.isDirectory(root);
    }

    public Path root() {
        return root;
    }

    /** A path exists: a file, a folder, or an open buffer (or a folder holding one). */
    public boolean exists(Path p) {
        return Files.exists(p) || isFile(p) || isDirectory(p);
    }

    /** A regular file on disk (links followed, as Python's {@code is_file()}), or an open buffer. */
    public boolean isFile(Path p) {
        return Files.isRegularFile(p) || (workspace != null && workspace.openDocument(Workspace.uri(p)) != null);
    }

    /** A folder on disk, or one that holds an open buffer. */
    public boolean isDirectory(Path p) {
        if (Files.isDirectory(p)) {
            return true;
        }
        if (workspace == null) {
            return false;
        }
        Path dir = p.toAbsolutePath().normalize();
        for (String uri : workspace.openUris()) {
            Path open = Workspace.path(uri);
            if (open != null && !open.equals(dir) && open.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    /** The path is itself a symbolic link. */
    public boolean isSymlink(Path p) {
        return Files.isSymbolicLink(p);
    }

    /** A folder entry: a name, and whether it is a folder. */
    public record Entry(String name, boolean folder) {}

    /** A listing stops here: path completion or hover needs a screenful, not a disk. */
    public static final int MAX_ENTRIES = 500;

    /** The path a manifest value names, relative to {@code base}, when it stays inside the pack. */
    public Optional<Path> resolve(Path base, String relative) {
        if (root == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path p = base.resolve(relative).normalize();
            return p.startsWith(root) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not a path on this system
        }
    }

    /**
     * The text of a file of the pack: its open buffer, else the file on disk (at most
     * {@link #MAX_PYTHON_BYTES}, never through a link, a byte-order mark dropped); empty when
     * there is no such text to read.
     */
    public Optional<String> text(Path p) {
        if (root == null || !p.startsWith(root) || throughSymlink(p)) {
            return Optional.empty();
        }
        TextDocument open = workspace.openDocument(Workspace.uri(p));
        if (open != null) {
            return Optional.of(open.text());
        }
        return disk ? Optional.ofNullable(workspace.readCode(p).text()) : Optional.empty();
    }

    /** Whether the path or a folder above it, inside the pack, is a symbolic link (navigation never follows one). */
    public boolean throughSymlink(Path p) {
        for (Path at = p; at != null && root != null && at.startsWith(root) && !at.equals(root); at = at.getParent()) {
            if (Files.isSymbolicLink(at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries of a folder of the pack (open buffers included), sorted, hidden ones and symbolic
     * links left out, at most {@link #MAX_ENTRIES}.
     */
    public List<Entry> list(Path dir) {
        Map<String, Entry> out = new TreeMap<>();
        if (root == null || !dir.startsWith(root) || throughSymlink(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.startsWith(".") && !Files.isSymbolicLink(e)) {
                    out.put(name, new Entry(name, Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)));
                }
                if (out.size() >= MAX_ENTRIES) {
                    break;
                }
            }
        } catch (IOException | SecurityException e) {
            // an unreadable or vanished folder lists what the open buffers say
        }
        if (workspace != null) {
            for (String uri : workspace.openUris()) {
                Path open = Workspace.path(uri);
                if (open != null && open.startsWith(dir) && !open.equals(dir)) {
                    String name = dir.relativize(open).getName(0).toString();
                    out.putIfAbsent(name, new Entry(name, dir.relativize(open).getNameCount() > 1));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The first symbolic link anywhere in the pack tree (links are not followed), or empty; also
     * empty when the tree is larger than {@link #MAX_WALK} entries and no link was met before.
     */
    public Optional<Path> firstSymlink() {
        return tree().stream().filter(Walked::link).map(Walked::path).findFirst();
    }

    /**
     * Every regular file of the pack with this name, on disk (links neither followed nor counted;
     * at most {@link #MAX_WALK} entries looked at) or in an open buffer, sorted.
     */
    public List<Path> filesNamed(String name) {
        TreeSet<Path> out = new TreeSet<>();
        for (Walked e : tree()) {
            if (e.file() && e.path().getFileName().toString().equals(name)) {
                out.add(e.path());
            }
        }
        if (root != null && workspace != null) {
            for (String uri : workspace.openUris()) {
                Path p = Workspace.path(uri);
                if (p != null && p.startsWith(root) && p.getFileName().toString().equals(name) && !throughSymlink(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    /** A file of the pack tree on disk: a link, a regular file, or neither (a pipe, say). */
    private record Walked(Path path, boolean link, boolean file) {}

    /**
     * The files of the pack tree on disk in walk order, links not followed, at most {@link #MAX_WALK}
     * entries: walked once per view of the pack (one check), as several checks ask.
     */
    private List<Walked> tree() {
        List<Walked> t = tree;
        if (t != null) {
            return t;
        }
        List<Walked> out = new ArrayList<>();
        if (onDisk()) {
            int[] seen = new int[1];
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return ++seen[0] > MAX_WALK ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        out.add(new Walked(file, attrs.isSymbolicLink(), attrs.isRegularFile()));
                        return ++seen[0] > MAX_WALK ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | SecurityException e) {
                // what could be walked is kept
            }
        }
        tree = List.copyOf(out);
        return tree;
    }

    // ---- the pack's code ---------------------------------------------------------------------

    /** A Python module of the pack: its URI and its current text (an open buffer's, else the file's). */
    public record Source(String uri, String text) {}

    /** A file or folder of the pack whose code was not read, and why; {@code failed} when reading it failed. */
    public record Skipped(String uri, String reason, boolean failed) {}

    /**
     * The pack's code as far as it could be read. {@code disk} says the folder on disk was walked:
     * without it (a pack outside the workspace roots) only open buffers are there, and nothing can
     * be said about the rest. {@code otherCode} are files in other programming languages (at most
     * {@link #MAX_ENTRIES}), which no check reads.
     */
    public record Code(List<Source> python, List<Skipped> skipped, List<String> otherCode, boolean disk) {}

    /** What reading one file gave: its text, or why there is none ({@code skipped} null and no text: it is gone). */
    record Read(String text, Skipped skipped) {
        static final Read GONE = new Read(null, null);

        static Read of(String text) {
            return new Read(text, null);
        }

        static Read skipped(String why) {
            return new Read(null, new Skipped(null, why, false));
        }

        static Read failed(String why) {
            return new Read(null, new Skipped(null, why, true));
        }
    }

    /** File name endings of code in other languages, which the disclosure checks cannot read. */
    private static final List<String> OTHER_CODE = List.of(".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".sh",
            ".bash", ".zsh", ".rb", ".pl", ".php", ".lua", ".go", ".rs", ".c", ".cc", ".cpp", ".java", ".kt", ".swift",
            ".ps1", ".bat", ".cmd", ".r", ".jl");

    static boolean isOtherCode(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return OTHER_CODE.stream().anyMatch(lower::endsWith);
    }

    /**
     * Every {@code .py} file of the pack, in URI order: under its folder, not in a nested pack nor
     * in a folder the workspace never searches; an open buffer's text wins over the file, and an
     * unsaved one counts. What could not be read is in {@link Code#skipped}.
     */
    public Code code() {
        if (root == null || workspace == null) {
            return new Code(List.of(), List.of(), List.of(), false);
        }
        Workspace.Members walked = disk ? workspace.members(root) : Workspace.Members.NONE;
        Map<String, Source> files = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>(walked.skipped());
        for (Path p : walked.python()) {
            String uri = Workspace.uri(p);
            TextDocument open = workspace.openDocument(uri);
            if (open != null) {
                files.put(uri, new Source(uri, open.text()));
                continue;
            }
            Read read = workspace.readCode(p);
            if (read.text() != null) {
                files.put(uri, new Source(uri, read.text()));
            } else if (read.skipped() != null) {
                skipped.add(new Skipped(uri, read.skipped().reason(), read.skipped().failed()));
            }
        }
        for (String uri : workspace.openUris()) {
            Path p = Workspace.path(uri);
            if (p != null && uri.endsWith(".py") && !files.containsKey(uri) && p.startsWith(root)
                    && root.equals(workspace.packRootOf(uri).orElse(null)) && !Workspace.inSkippedFolder(root, p)) {
                TextDocument open = workspace.openDocument(uri);
                if (open != null) {
                    files.put(uri, new Source(uri, open.text()));
                }
            }
        }
        skipped.sort(Comparator.comparing(Skipped::uri));
        return new Code(List.copyOf(files.values()), List.copyOf(skipped),
                walked.otherCode().stream().map(Workspace::uri).toList(), disk);
    }
}
