package dev.astrid.ls.cli;

import dev.astrid.ls.model.ManifestKind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds manifest files under the given paths, as Astrid's validator would. */
final class ManifestFiles {
    private static final Set<String> SKIPPED = Set.of("node_modules", ".git", "target", "__pycache__", ".venv");

    private ManifestFiles() {}

    static List<Path> find(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                out.add(root);
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (SKIPPED.contains(name) || name.startsWith("."));
                    // Astrid's validator skips a folder holding a .no-pack marker.
                    return skip || Files.exists(dir.resolve(".no-pack")) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && ManifestKind.of(file.toString()).isPresent()) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        out.sort(null);
        return out;
    }
}
