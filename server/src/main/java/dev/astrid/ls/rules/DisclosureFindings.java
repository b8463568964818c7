package dev.astrid.ls.rules;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.workspace.PackView;
import java.util.ArrayList;
import java.util.List;

/**
 * What the disclosure rules share. Their findings sit on the pack manifest, where the fix goes
 * (never in a {@code .py} file, which the user may not have open and this server does not own),
 * name the first piece of evidence in the message, and link every site as related information.
 */
final class DisclosureFindings {
    /** Sites linked per finding: a screenful; the message says how many there are in all. */
    static final int MAX_RELATED = 20;

    private DisclosureFindings() {}

    /** The pack, when the manifest checked is its pack manifest and was read; else null (nothing to report here). */
    static PackView onPackManifest(RuleContext ctx) {
        PackView pack = ctx.pack().orElse(null);
        return pack != null && pack.pack().root() != null
                && pack.pack().document().uri().equals(ctx.manifest().document().uri()) ? pack : null;
    }

    /** "run.py:41 urllib.request.urlretrieve(...)", and how many other sites there are. */
    static String sites(List<Evidence> evidence) {
        return evidence.get(0).display() + more(evidence);
    }

    /** " and 3 more places", or nothing for one site. */
    static String more(List<Evidence> evidence) {
        int more = evidence.size() - 1;
        return more == 0 ? "" : " and " + more + " more " + (more == 1 ? "place" : "places")
                + (evidence.size() > MAX_RELATED ? " (the first " + MAX_RELATED + " are linked)" : "");
    }

    /** Every site (up to {@link #MAX_RELATED}), each saying what is there and, when it is uncertain, why. */
    static List<Diagnostic.Related> related(List<Evidence> evidence) {
        List<Diagnostic.Related> out = new ArrayList<>();
        for (Evidence e : evidence.subList(0, Math.min(MAX_RELATED, evidence.size()))) {
            String what = e.display().substring(e.display().indexOf(' ') + 1);
            out.add(new Diagnostic.Related(e.uri(), e.range(), e.certain() ? what : what + " (uncertain: " + e.note() + ")"));
        }
        return out;
    }
}
