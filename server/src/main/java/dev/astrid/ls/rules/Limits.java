package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import java.util.List;

/**
 * Codes about the check itself rather than the manifest, reported by the language service around
 * the rules. Neither can be turned off or suppressed: both say that something went unseen.
 */
public final class Limits {
    /** More diagnostics than are shown; the last one says how many more, as severe as the worst of them. */
    public static final Code TRUNCATED = Code.warning("diagnostics-truncated");
    /** The file was not checked: unreadable, not a regular file, a symbolic link, or the check itself failed. */
    public static final Code NOT_CHECKED = Code.error("manifest-not-checked");

    public static final List<Code> CODES = List.of(NOT_CHECKED, TRUNCATED);

    private Limits() {}
}
