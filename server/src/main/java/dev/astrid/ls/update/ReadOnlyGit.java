package dev.astrid.ls.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit, only ever reading. Reading objects and refs never runs a hook, a filter or a
 * signature program; what is left is JGit's own start-up, and {@link #lockDown()} takes care
 * of that: no user, system or XDG git config is read (the system one is found by running
 * {@code git}), no environment variable is read, and JGit's measuring of the file system's
 * timestamp resolution, which writes probe files into the repository and its result into
 * {@code ~/.config/jgit/config}, is answered from memory instead.
 */
final class ReadOnlyGit {
    private ReadOnlyGit() {}

    /** Installs the read-only {@link SystemReader}, once per JVM (JGit has one, global). */
    static synchronized void lockDown() {
        if (!(SystemReader.getInstance() instanceof Locked)) {
            SystemReader.setInstance(new Locked(SystemReader.getInstance()));
        }
    }

    /**
     * The folder holding the repository around a pack: the nearest one at or above the pack
     * with a {@code .git} (a folder, or the file a linked worktree or submodule has), never
     * above the bound that contains the pack. Empty when there is none, or no bound contains it.
     */
    static Optional<Path> workTree(Path packRoot, List<Path> bounds) {
        // the outermost bound holding the pack: nested roots (a folder and its parent) reach the same repository
        Optional<Path> bound = bounds.stream().filter(packRoot::startsWith).min(java.util.Comparator.comparingInt(Path::getNameCount));
        for (Path dir = packRoot; bound.isPresent() && dir != null && dir.startsWith(bound.get());
                dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Opens the repository of a work tree as it is: no environment (GIT_DIR…), no search upward. */
    static Repository open(Path workTree) throws IOException {
        lockDown();
        return new FileRepositoryBuilder().setFS(FS.DETECTED).setWorkTree(workTree.toFile()).setMustExist(true)
                .build();
    }

    /** The global reader, with configs that are empty, never loaded from disk and never saved. */
    private static final class Locked extends SystemReader {
        private final SystemReader delegate;

        Locked(SystemReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getHostname() {
            return "localhost"; // the default looks the host name up, which may ask a name server
        }

        @Override
        public String getenv(String variable) {
            return null;
        }

        @Override
        public String getProperty(String key) {
            return delegate.getProperty(key);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public StoredConfig getUserConfig() {
            return new Empty(null, FS.DETECTED);
        }

        @Override
        public StoredConfig getJGitConfig() {
            return new Empty(null, FS.DETECTED);
        }

        @Override
        public StoredConfig getSystemConfig() {
            return new Empty(null, FS.DETECTED);
        }

        @Override
        public long getCurrentTime() {
            return delegate.getCurrentTime();
        }

        @Override
        public int getTimezone(long when) {
            return delegate.getTimezone(when);
        }
    }

    /** A config with no file behind it. */
    private static final class Empty extends FileBasedConfig {
        Empty(Config parent, FS fs) {
            super(parent, null, fs);
        }

        @Override
        public void load() {
            // nothing to read
        }

        @Override
        public void save() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public boolean isOutdated() {
            return false;
        }

        @Override
        public long getTimeUnit(String section, String subsection, String name, long defaultValue, TimeUnit unit) {
            // Answering here is what keeps JGit from measuring (and writing probe files) per file store.
            if ("filesystem".equals(section) && "timestampResolution".equals(name)) {
                return unit.convert(FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION);
            }
            return super.getTimeUnit(section, subsection, name, defaultValue, unit);
        }
    }
}
