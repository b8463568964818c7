package dev.astrid.ls.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is on disk inside a pack's folder, for paths a manifest names: only reads, never follows a
 * symbolic link, never looks outside the folder, and counts an unsaved open buffer as a file.
 */
public final class PackFolder {
    /** A listing stops here: a manifest's path completion or hover needs a screenful, not a disk. */
    public static final int MAX_ENTRIES = 500;

    public enum Kind { FILE, FOLDER }

    /** An entry of a folder. */
    public record Entry(String name, Kind kind) {}

    private final Path root;
    private final Set<String> openUris;

    public PackFolder(Path root, Set<String> openUris) {
        this.root = root.toAbsolutePath().normalize();
        this.openUris = openUris;
    }

    public Path root() {
        return root;
    }

    /** The path a manifest value names, relative to {@code base}, when it stays inside the pack; else empty. */
    public Optional<Path> resolve(Path base, String relative) {
        if (relative.isBlank() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path p = base.resolve(relative).normalize();
            return p.startsWith(root) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not a path on this system
        }
    }

    /** A file or folder, not reached through a symbolic link; empty when absent or a link. */
    public Optional<Kind> kind(Path p) {
        if (!p.startsWith(root)) {
            return Optional.empty();
        }
        if (openUris.contains(Workspace.uri(p))) {
            return Optional.of(Kind.FILE);
        }
        for (Path at = p; at != null && at.startsWith(root) && !at.equals(root); at = at.getParent()) {
            if (Files.isSymbolicLink(at)) {
                return Optional.empty();
            }
        }
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() ? Optional.of(Kind.FOLDER) : a.isRegularFile() ? Optional.of(Kind.FILE) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The entries of a folder of the pack, sorted, links and hidden entries left out, at most {@link #MAX_ENTRIES}. */
    public List<Entry> list(Path dir) {
        List<Entry> out = new ArrayList<>();
        if (kind(dir).orElse(null) != Kind.FOLDER && !dir.equals(root)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.startsWith(".")) {
                    kind(e).ifPresent(k -> out.add(new Entry(name, k)));
                }
                if (out.size() >= MAX_ENTRIES) {
                    break;
                }
            }
        } catch (IOException | SecurityException e) {
            return out;
        }
        for (String uri : openUris) {
            Path p = Workspace.path(uri);
            if (p != null && dir.equals(p.getParent()) && out.stream().noneMatch(x -> x.name().equals(p.getFileName().toString()))) {
                out.add(new Entry(p.getFileName().toString(), Kind.FILE));
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }
}
