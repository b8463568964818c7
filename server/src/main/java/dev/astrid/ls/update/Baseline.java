package dev.astrid.ls.update;

/** What a pack was at a git revision: the side of the update diff its users have installed. */
public sealed interface Baseline {
    /** The revision as the caller named it: {@code HEAD}, {@code origin/main}, {@code v1.2.0}. */
    String ref();

    /** No git repository holds the pack (within the workspace). */
    record NoRepository(String ref) implements Baseline {}

    /** The revision does not resolve, or the repository could not be read. */
    record Failed(String ref, String reason) implements Baseline {}

    /** The pack has no pack manifest at that revision: it is new, users will install it fresh. */
    record NewPack(String ref, String commit) implements Baseline {}

    /** The pack as Astrid summarised it at install time. */
    record Present(String ref, String commit, TrustFacts.Flavor flavor, TrustFacts facts) implements Baseline {}

    /** The base itself could not have been installed: Astrid refuses to summarise it. */
    record Refused(String ref, String commit, String reason) implements Baseline {}
}
