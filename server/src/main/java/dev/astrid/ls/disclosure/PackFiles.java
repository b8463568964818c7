package dev.astrid.ls.disclosure;

import dev.astrid.ls.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Python files of a pack: every {@code .py} file under its folder, except in a nested pack
 * and in the folders the workspace never searches (virtual environments, caches, build output,
 * hidden folders). Only reads. A symbolic link is never followed: one that points out of the
 * pack is reported as skipped (the pack's code may be behind it); one inside it is skipped
 * silently, since its target is read where it is. Files over {@link #MAX_BYTES}, with a NUL
 * byte, or unreadable are skipped and reported, so a rule can say the analysis is incomplete.
 */
public final class PackFiles {
    /** A Python module larger than this is not read (10,000 lines of Python is about 400 KB). */
    public static final long MAX_BYTES = 2L * 1024 * 1024;
    /** A pack with more Python files than this is analysed in part, and says so. */
    public static final int MAX_FILES = 5_000;
    private static final int MAX_DEPTH = 32;

    /** A file that belongs to the pack but was not analysed, and why. */
    public record Skipped(String uri, String reason) {}

    public record Collected(List<SourceFile> files, List<Skipped> skipped) {}

    private PackFiles() {}

    /**
     * @param openBuffers the text of open editor buffers by URI; an open {@code .py} buffer inside
     *     the pack wins over the file on disk and counts even when it was never saved
     */
    public static Collected collect(Path packRoot, Map<String, String> openBuffers) {
        Path root = packRoot.toAbsolutePath().normalize();
        Map<String, SourceFile> files = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException | SecurityException e) {
            return new Collected(List.of(), List.of(new Skipped(Workspace.uri(root), "the pack folder cannot be read")));
        }
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root) || !skippedFolder(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        link(file, real, skipped);
                    } else if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".py")) {
                        String uri = Workspace.uri(file);
                        if (files.size() >= MAX_FILES) {
                            skipped.add(new Skipped(uri, "the pack has more than " + MAX_FILES + " Python files"));
                        } else if (openBuffers.containsKey(uri)) {
                            files.put(uri, new SourceFile(uri, openBuffers.get(uri)));
                        } else if (attrs.size() > MAX_BYTES) {
                            skipped.add(new Skipped(uri, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB"));
                        } else {
                            read(file, uri, files, skipped);
                        }
                    } else if (attrs.isDirectory()) { // beyond the depth limit
                        skipped.add(new Skipped(Workspace.uri(file), "nested more than " + MAX_DEPTH + " folders deep"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(new Skipped(Workspace.uri(file), "cannot be read"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            skipped.add(new Skipped(Workspace.uri(root), "the pack folder cannot be read"));
        }
        for (Map.Entry<String, String> open : openBuffers.entrySet()) {
            Path p = Workspace.path(open.getKey());
            if (p != null && p.startsWith(root) && !p.equals(root) && p.getFileName().toString().endsWith(".py")
                    && !files.containsKey(open.getKey()) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    && !insideSkippedFolder(root, p)) {
                files.put(open.getKey(), new SourceFile(open.getKey(), open.getValue()));
            }
        }
        skipped.sort(Comparator.comparing(Skipped::uri));
        return new Collected(List.copyOf(files.values()), List.copyOf(skipped));
    }

    private static boolean skippedFolder(Path dir) {
        String name = dir.getFileName().toString();
        return Workspace.SKIPPED_DIRS.contains(name) || name.startsWith(".")
                || Set.of("pack.yaml", "pack.yml", "pack.json").stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static boolean insideSkippedFolder(Path root, Path file) {
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            if (skippedFolder(dir)) {
                return true;
            }
        }
        return false;
    }

    private static void link(Path link, Path realRoot, List<Skipped> skipped) {
        String name = link.getFileName().toString();
        boolean python = name.endsWith(".py");
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(realRoot) && (python || Files.isDirectory(target))) {
                skipped.add(new Skipped(Workspace.uri(link), "a symbolic link to outside the pack, not followed"));
            }
        } catch (IOException | SecurityException e) {
            if (python) {
                skipped.add(new Skipped(Workspace.uri(link), "a symbolic link that cannot be resolved"));
            }
        }
    }

    private static void read(Path file, String uri, Map<String, SourceFile> files, List<Skipped> skipped) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    skipped.add(new Skipped(uri, "binary, not Python text"));
                    return;
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            // an editor's document has no byte-order mark, so offsets agree only without it
            files.put(uri, new SourceFile(uri, text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (IOException | SecurityException e) {
            skipped.add(new Skipped(uri, "cannot be read"));
        }
    }
}
