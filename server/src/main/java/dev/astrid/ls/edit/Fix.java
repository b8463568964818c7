package dev.astrid.ls.edit;

import dev.astrid.ls.core.Code;
import java.util.List;

/**
 * A quick fix: its title, whether it is the preferred one, whether it is safe to apply without
 * looking (then {@code source.fixAll} applies it), and its edits, possibly over several files.
 * {@code snippet} edits use LSP snippet syntax.
 */
public record Fix(String title, Code code, boolean preferred, boolean safe, boolean snippet, List<Edit> edits) {

    /** A fix of one edit, neither snippet nor preferred unless said. */
    public static Fix of(String title, Code code, boolean preferred, boolean safe, Edit edit) {
        return new Fix(title, code, preferred, safe, false, List.of(edit));
    }
}
