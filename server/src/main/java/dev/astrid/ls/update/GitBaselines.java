package dev.astrid.ls.update;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The update baselines of the packs of a workspace, read with JGit (read-only, see
 * {@link ReadOnlyGit}). Two caches keep git off the typing path: a revision name is resolved
 * to a commit at most once per {@code recheck} (or after {@link #refresh()}), and a pack is read
 * at most once per commit. Thread-safe.
 */
public final class GitBaselines {
    /** Largest pack manifest read from git; the parser's own limit is lower. */
    private static final int MAX_BLOB_BYTES = 4 * YamlParser.MAX_CHARS;
    private static final int MAX_CACHED_PACKS = 64;

    private record Key(Path packRoot, String ref, List<Path> bounds) {}

    /** A resolution: a terminal answer (no repository, bad revision), or a commit of a work tree. */
    private record Resolved(long at, Baseline answer, Path workTree, String commit) {}

    private record PackAt(Path workTree, String commit, String packPath) {}

    private final long recheckNanos;
    private final LongSupplier clock;
    private final Map<Key, Resolved> resolved = new HashMap<>();
    /** The pack read at a commit, waiting for the revision name it is shown under. */
    private final Map<PackAt, Function<String, Baseline>> packs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PackAt, Function<String, Baseline>> eldest) {
            return size() > MAX_CACHED_PACKS;
        }
    };

    /**
     * The last answer for each key, behind its own lock (held for a map operation only, never
     * while git is read), so {@link #cached} never waits for a read under way.
     */
    private final Map<Key, Baseline> last = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Baseline> eldest) {
                    return size() > MAX_CACHED_PACKS;
                }
            });

    /** Revision names are re-resolved at most every 5 seconds. */
    public GitBaselines() {
        this(Duration.ofSeconds(5), System::nanoTime);
    }

    GitBaselines(Duration recheck, LongSupplier clock) {
        this.recheckNanos = recheck.toNanos();
        this.clock = clock;
    }

    /**
     * The pack at a revision.
     *
     * @param packRoot the pack's folder (absolute, normalised)
     * @param bounds folders the repository is looked for in: from the pack upward, never above
     *     the one that contains the pack (the workspace folders; the CLI passes the file system root)
     * @param ref a revision as git names it: {@code HEAD}, a branch, {@code origin/main}, a tag, a commit id
     */
    public synchronized Baseline at(Path packRoot, List<Path> bounds, String ref) {
        Key key = new Key(packRoot, ref, List.copyOf(bounds));
        Resolved r = resolved.get(key);
        if (r == null || clock.getAsLong() - r.at() >= recheckNanos) {
            r = resolve(key);
            resolved.put(key, r);
        }
        Baseline answer = r.answer();
        if (answer == null) {
            PackAt at = new PackAt(r.workTree(), r.commit(), relative(r.workTree(), packRoot));
            answer = packs.computeIfAbsent(at, a -> read(a, packRoot)).apply(ref);
        }
        last.put(key, answer);
        return answer;
    }

    /**
     * What {@link #at} last answered for the same arguments, from memory only: no git, no file,
     * no waiting for a read under way; empty when it was never asked (or the answer was dropped
     * to make room). For the typing path, which must never touch git.
     */
    public Optional<Baseline> cached(Path packRoot, List<Path> bounds, String ref) {
        return Optional.ofNullable(last.get(new Key(packRoot, ref, List.copyOf(bounds))));
    }

    /** Forgets every resolution: the next call resolves its revision again (the packs read stay cached). */
    public synchronized void refresh() {
        resolved.clear();
    }

    private Resolved resolve(Key key) {
        long now = clock.getAsLong();
        Optional<Path> workTree = ReadOnlyGit.workTree(key.packRoot(), key.bounds());
        if (workTree.isEmpty()) {
            return new Resolved(now, new Baseline.NoRepository(key.ref()), null, null);
        }
        try (Repository repo = ReadOnlyGit.open(workTree.get())) {
            ObjectId id = repo.resolve(key.ref() + "^{commit}");
            if (id == null) {
                return new Resolved(now, new Baseline.Failed(key.ref(), "no commit '" + key.ref() + "' in the "
                        + "repository at " + workTree.get()), null, null);
            }
            return new Resolved(now, null, workTree.get(), id.name());
        } catch (IOException | RevisionSyntaxException e) {
            return new Resolved(now, new Baseline.Failed(key.ref(), "cannot read the repository at " + workTree.get()
                    + ": " + e.getMessage()), null, null);
        }
    }

    private static Function<String, Baseline> read(PackAt at, Path packRoot) {
        try (Repository repo = ReadOnlyGit.open(at.workTree()); RevWalk walk = new RevWalk(repo)) {
            RevTree tree = walk.parseCommit(ObjectId.fromString(at.commit())).getTree();
            for (String name : List.of("pack.yaml", "pack.yml", "pack.json")) {
                try (TreeWalk file = TreeWalk.forPath(repo, join(at.packPath(), name), tree)) {
                    if (file == null) {
                        continue;
                    }
                    if (file.getFileMode(0) != FileMode.REGULAR_FILE && file.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                        return ref -> new Baseline.Failed(ref, name + " is not a regular file at " + ref);
                    }
                    byte[] bytes = repo.open(file.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_BLOB_BYTES);
                    Manifest pack = Manifest.parse(new TextDocument(Workspace.uri(packRoot.resolve(name)), 0,
                            new String(bytes, StandardCharsets.UTF_8)), ManifestKind.PACK);
                    TrustFacts.Flavor flavor = TrustFacts.Flavor.of(pack);
                    try {
                        TrustFacts facts = TrustFacts.of(pack, flavor, true, folder -> childFolders(repo, tree,
                                at.packPath(), folder));
                        return ref -> new Baseline.Present(ref, at.commit(), flavor, facts);
                    } catch (TrustFacts.Refused e) {
                        return ref -> new Baseline.Refused(ref, at.commit(), e.getMessage());
                    }
                }
            }
            return ref -> new Baseline.NewPack(ref, at.commit());
        } catch (IOException | LargeObjectException e) {
            return ref -> new Baseline.Failed(ref, "cannot read the pack at " + ref + ": " + e.getMessage());
        }
    }

    /**
     * Astrid's component count for a content folder: its sub-folders not starting with a dot, as
     * a checkout of the commit would have them (submodules included). A folder outside the pack counts 0.
     */
    private static int childFolders(Repository repo, RevTree tree, String packPath, String folder) {
        Optional<String> path = inside(packPath, folder);
        if (path.isEmpty()) {
            return 0;
        }
        try (TreeWalk dir = path.get().isEmpty() ? null : TreeWalk.forPath(repo, path.get(), tree)) {
            if (!path.get().isEmpty() && (dir == null || dir.getFileMode(0) != FileMode.TREE)) {
                return 0;
            }
            try (TreeWalk children = new TreeWalk(repo)) {
                children.addTree(dir == null ? tree : dir.getObjectId(0));
                int count = 0;
                while (children.next()) {
                    FileMode mode = children.getFileMode(0);
                    if ((mode == FileMode.TREE || mode == FileMode.GITLINK) && !children.getNameString().startsWith(".")) {
                        count++;
                    }
                }
                return count;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** A folder given relative to the pack, as a repository path; empty when it leaves the pack. */
    static Optional<String> inside(String packPath, String folder) {
        try {
            Path resolved = Path.of(packPath).resolve(folder).normalize();
            if (Path.of(folder).isAbsolute() || resolved.startsWith("..")
                    || !(packPath.isEmpty() || resolved.startsWith(Path.of(packPath)))) {
                return Optional.empty();
            }
            return Optional.of(resolved.toString().replace('\\', '/'));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static String relative(Path workTree, Path packRoot) {
        return workTree.relativize(packRoot).toString().replace('\\', '/');
    }

    private static String join(String packPath, String name) {
        return packPath.isEmpty() ? name : packPath + "/" + name;
    }
}
