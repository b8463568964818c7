package dev.astrid.ls.disclosure;

import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.text.Range;

/**
 * One piece of evidence that a pack uses a permission, where it was seen and how sure it is.
 *
 * @param uri the file: a {@code .py} module or a manifest
 * @param start start offset (UTF-16) of the smallest span that shows it
 * @param end end offset, exclusive
 * @param range the same span as lines and UTF-16 columns, for links to it
 * @param display a short account for messages: path relative to the pack, line, and what is there,
 *     e.g. {@code executors/render/mesh_fetch.py:41 urllib.request.urlretrieve(...)}
 * @param certainty whether the evidence shows the use for sure
 * @param note why it is uncertain; null when certain
 * @param subject what the use is about, when there is one thing: the host (network), the
 *     variable (environment), the service (external_services), the program (subprocess), the
 *     device (accelerator); else null
 * @param function the Python function it is in, or null (module level, manifests)
 */
public record Evidence(PermissionId permission, String uri, int start, int end, Range range, String display,
        Certainty certainty, String note, String subject, String function) {

    public enum Certainty { CERTAIN, UNCERTAIN }

    public boolean certain() {
        return certainty == Certainty.CERTAIN;
    }

    /** The 1-based line it starts on, as messages show it. */
    public int line() {
        return range.start().line() + 1;
    }
}
