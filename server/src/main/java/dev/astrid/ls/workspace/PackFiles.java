package dev.astrid.ls.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Read-only questions about the files of one pack, for the checks Astrid makes on disk: does a
 * path exist, is it a file or a folder, does the tree hold a symlink. An open buffer counts as a
 * file (and its folders as folders) even before it is saved; everything else is asked of the disk
 * at the moment of the question, so created and deleted files count as soon as they happen. Never
 * writes, never follows a path out of the pack.
 */
public final class PackFiles {
    /** A walk of the pack tree stops after this many entries (a pack is a few hundred files): about 20 ms. */
    public static final int MAX_WALK = 5_000;

    /** For packs that are not a folder on this disk (a revision read from git, say): nothing can be checked. */
    public static final PackFiles NONE = new PackFiles(null, null);

    private final Path root;
    private final Workspace workspace;

    PackFiles(Path root, Workspace workspace) {
        this.root = root;
        this.workspace = workspace;
    }

    /** True when the pack is a folder on disk, so that the questions below have answers. */
    public boolean onDisk() {
        return root != null && Files.isDirectory(root);
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

    /**
     * The first symbolic link anywhere in the pack tree (links are not followed), or empty; also
     * empty when the tree is larger than {@link #MAX_WALK} entries and no link was met before.
     */
    public Optional<Path> firstSymlink() {
        if (!onDisk()) {
            return Optional.empty();
        }
        Path[] found = new Path[1];
        int[] seen = new int[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return ++seen[0] > MAX_WALK ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        found[0] = file;
                        return FileVisitResult.TERMINATE;
                    }
                    return ++seen[0] > MAX_WALK ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found[0]);
    }
}
