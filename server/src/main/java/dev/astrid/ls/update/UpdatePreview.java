package dev.astrid.ls.update;

import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import java.util.List;
import java.util.Optional;

/**
 * What the users of a pack will be shown when they update from a base revision to the pack as
 * it is now (open buffers included): Astrid's dry-run update diff, or why there is none.
 */
public sealed interface UpdatePreview {
    /** The base revision as named: {@code HEAD}, {@code origin/main}, a tag. */
    String ref();

    /** One line for a code lens: "Update diff vs HEAD: +network, reason changed: subprocess, −1 secret". */
    String headline();

    /** Astrid's diff text, or a sentence saying why there is none. */
    String text();

    /** One note per change, placed in the current pack manifest; none without a diff. */
    default List<UpdateDiff.Note> notes() {
        return List.of();
    }

    /** The pack is in no git repository (within the workspace). */
    record NoRepository(String ref) implements UpdatePreview {
        public String headline() {
            return "Update diff: no git repository";
        }

        public String text() {
            return "No git repository holds this pack, so there is no base to compare with.\n";
        }
    }

    /** The pack did not exist at the base: users will install it, not update it. */
    record NewPack(String ref, String commit) implements UpdatePreview {
        public String headline() {
            return "Update diff vs " + ref + ": new pack, not in " + ref;
        }

        public String text() {
            return "The pack is not in " + ref + " (" + UpdateDiff.shortId(commit) + "): its users will install it, "
                    + "not update it, so there is no update diff.\n";
        }
    }

    /** No diff can be computed: the revision, the repository or one of the two packs cannot be read. */
    record Unavailable(String ref, String reason) implements UpdatePreview {
        public String headline() {
            return "Update diff vs " + ref + " unavailable: " + reason;
        }

        public String text() {
            return "No update diff against " + ref + ": " + reason + ".\n";
        }
    }

    /** The diff Astrid would show, from the base commit to the pack as it is now. */
    record Changes(String ref, String commit, UpdateDiff diff, YamlMapping current) implements UpdatePreview {
        public String headline() {
            List<String> parts = diff.summary();
            return "Update diff vs " + ref + ": " + (parts.isEmpty() ? "no changes" : String.join(", ", parts));
        }

        public String text() {
            return "Update from " + ref + " (" + UpdateDiff.shortId(commit) + ") to the files as they are now:\n"
                    + diff.text();
        }

        @Override
        public List<UpdateDiff.Note> notes() {
            return diff.notes(current);
        }
    }

    /**
     * What an update asks users to trust anew or again, in permissions and secrets: computed
     * from the manifests in memory alone (no disk, no git), so it can run as the user types.
     */
    record TrustChanges(String ref, String commit, List<TrustFacts.Permission> permissionsAdded,
                        List<UpdateDiff.Change> permissionsChanged, List<TrustFacts.Secret> secretsAdded) {}

    /**
     * The permission and secret changes from the base to the pack as it is now; empty without a
     * diff (no repository, a new pack, a base or a pack Astrid would refuse). Component counts are
     * not compared here: they need the pack's folders.
     */
    static Optional<TrustChanges> trustChanges(PackView pack, Baseline base) {
        if (!(base instanceof Baseline.Present b)) {
            return Optional.empty();
        }
        try {
            TrustFacts now = TrustFacts.of(pack.pack(), b.flavor(), false, folder -> 0);
            UpdateDiff diff = UpdateDiff.between(b.facts(), now, b.commit(), null);
            return Optional.of(new TrustChanges(b.ref(), b.commit(), diff.permissionsAdded(), diff.permissionsChanged(),
                    diff.secretsAdded()));
        } catch (TrustFacts.Refused e) {
            return Optional.empty();
        }
    }

    /** The preview for a pack as it is now against its baseline (see {@link GitBaselines#at}). */
    static UpdatePreview of(PackView pack, Baseline base) {
        if (base instanceof Baseline.Present b) {
            try {
                TrustFacts now = TrustFacts.of(pack.pack(), b.flavor(), false, TrustFacts.onDisk(pack.root()));
                return new Changes(b.ref(), b.commit(), UpdateDiff.between(b.facts(), now, b.commit(), null),
                        pack.pack().root());
            } catch (TrustFacts.Refused e) {
                return new Unavailable(b.ref(), "Astrid would refuse the pack as it is now: " + e.getMessage());
            }
        }
        if (base instanceof Baseline.NewPack b) {
            return new NewPack(b.ref(), b.commit());
        }
        if (base instanceof Baseline.Refused b) {
            return new Unavailable(b.ref(), "Astrid could not have installed the pack at " + b.ref() + ": "
                    + b.reason());
        }
        if (base instanceof Baseline.Failed b) {
            return new Unavailable(b.ref(), b.reason());
        }
        return new NoRepository(base.ref());
    }
}
