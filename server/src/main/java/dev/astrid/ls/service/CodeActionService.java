package dev.astrid.ls.service;

import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Edit;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.SuppressionComments;
import dev.astrid.ls.rules.FixContext;
import dev.astrid.ls.rules.Limits;
import dev.astrid.ls.rules.Rule;
import dev.astrid.ls.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Quick fixes: those of the rule that reported the diagnostic, then the suppression comments
 * every diagnostic gets; and the safe subset that {@code source.fixAll} applies at once.
 */
final class CodeActionService {

    List<Fix> fixes(Snapshot s, Diagnostic d, boolean snippets) {
        Manifest m = s.manifest();
        List<Fix> out = new ArrayList<>();
        if (Limits.CODES.contains(d.code())) {
            return out; // about the check, not the text: nothing to fix or suppress here
        }
        Rule owner = Rules.owner(d.code());
        if (owner != null) {
            out.addAll(owner.fixes(new FixContext(m, s.pack(), snippets), d));
        }
        if (!ManifestEdits.isJson(m)) {
            String code = d.code().id();
            out.add(Fix.of("Suppress " + code + " on this line", d.code(), false, false,
                    ManifestEdits.lineAbove(m, d.range().start().line(), SuppressionComments.PREFIX + SuppressionComments.NEXT_LINE + " " + code)));
            out.add(Fix.of("Suppress " + code + " in this file", d.code(), false, false,
                    ManifestEdits.edit(m, 0, 0, SuppressionComments.PREFIX + SuppressionComments.FILE + " " + code + "\n")));
        }
        return out;
    }

    /**
     * The first safe fix of each diagnostic, in this document only; a fix whose edits would
     * overlap an earlier one's waits for the next round (whole fixes only, never half of one).
     */
    List<Edit> fixAll(Snapshot s, List<Diagnostic> diagnostics) {
        List<Edit> accepted = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Fix f = fixes(s, d, false).stream().filter(Fix::safe).findFirst().orElse(null);
            if (f != null && f.edits().stream().allMatch(e -> e.uri().equals(s.uri()))
                    && f.edits().stream().noneMatch(e -> accepted.stream().anyMatch(a -> overlap(a, e)))) {
                accepted.addAll(f.edits());
            }
        }
        accepted.sort(Comparator.comparingInt(Edit::start));
        return accepted;
    }

    /** Edits that touch the same text, or insert at the same place (their order would be a guess). */
    private static boolean overlap(Edit a, Edit b) {
        return a.start() < b.end() && b.start() < a.end() || a.start() == b.start();
    }
}
