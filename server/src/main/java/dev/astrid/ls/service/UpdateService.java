package dev.astrid.ls.service;

import dev.astrid.ls.core.Setting;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.update.Baseline;
import dev.astrid.ls.update.GitBaselines;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The update preview's bases: each pack as it was at the git revision the user named, kept in
 * memory. Only {@link #load} reads git, and only callers off the typing path call it (the LSP
 * adapter's git thread, a code lens whose pack was never read, the command line); everything
 * else here, the diagnostics included, reads memory. The repository of a pack is looked for no
 * higher than the workspace folder holding it.
 */
public final class UpdateService {
    public static final Setting<String> BASE = Setting.string("update.base", "HEAD",
            "The git revision the update preview compares each pack with, standing for what its users have "
                    + "installed: `HEAD`, a branch such as `origin/main`, a release tag or a commit id. The code lens on "
                    + "`pack.yaml`, the hover on a changed permission, the `update-adds-trust` diagnostics and the trust "
                    + "summary's *On update* section show Astrid's update diff from it to the files as they are now.");

    private final Workspace workspace;
    private final GitBaselines git = new GitBaselines();
    private volatile String ref = BASE.defaultValue();

    UpdateService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Takes the base revision from the settings; true when it changed, so the packs must be read again. */
    public boolean configure(Settings settings) {
        String next = settings.get(BASE);
        boolean changed = !next.equals(ref);
        ref = next;
        return changed;
    }

    /** What a read of the base changed for a pack. */
    public enum Change {
        NONE,
        /** What the lens and the trust summary say (no repository, a new pack…), not the diagnostics. */
        TEXT,
        /** A base with a diff appeared, went or moved: the diagnostics change too. */
        DIAGNOSTICS
    }

    /**
     * Reads a pack at the base from git (its revision resolved at most every 5 seconds, the pack
     * read once per commit). Blocks on git: never call it on the typing path.
     */
    public Change load(Path packRoot) {
        String base = ref;
        List<Path> bounds = workspace.roots();
        Optional<Baseline> before = git.cached(packRoot, bounds, base);
        Baseline after = git.at(packRoot, bounds, base);
        if (before.equals(Optional.of(after))) {
            return Change.NONE;
        }
        // only a base Astrid could diff against gives the diagnostics anything to say
        return before.orElse(null) instanceof Baseline.Present || after instanceof Baseline.Present
                ? Change.DIAGNOSTICS : Change.TEXT;
    }

    /** The pack at the base as last read, from memory; empty when it was never read. */
    public Optional<Baseline> cached(Path packRoot) {
        return git.cached(packRoot, workspace.roots(), ref);
    }

    /** The whole update preview against the base in memory (component counts read from the pack's folders). */
    Optional<UpdatePreview> preview(PackView pack) {
        return cached(pack.root()).map(base -> UpdatePreview.of(pack, base));
    }

    /** The permission and secret changes against the base in memory: no disk, no git. */
    Optional<UpdatePreview.TrustChanges> trustChanges(PackView pack) {
        return cached(pack.root()).flatMap(base -> UpdatePreview.trustChanges(pack, base));
    }
}
