package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.model.SuppressionComments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suppression comment that would silently do nothing: a misspelt directive or a code no rule
 * reports. The author believes a finding is silenced, or still sees it and does not know why.
 */
@AutoService(Rule.class)
public final class SuppressionRule implements Rule {
    public static final Code INVALID = Code.warning("suppression-invalid");

    @Override
    public List<Code> codes() {
        return List.of(INVALID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (SuppressionComments.Comment c : SuppressionComments.of(ctx.manifest().document())) {
            SuppressionComments.Word directive = c.directive();
            if (!SuppressionComments.DIRECTIVES.contains(directive.text())) {
                report(ctx, directive, "directive", SuppressionComments.DIRECTIVES,
                        "it silences nothing; the directives are " + String.join(" and ", SuppressionComments.DIRECTIVES));
                continue;
            }
            List<String> codes = Rules.allCodes().stream().map(Code::id).toList();
            for (SuppressionComments.Word code : c.codes()) {
                if (!codes.contains(code.text())) {
                    report(ctx, code, "rule code", codes, "no rule reports it, so it silences nothing");
                }
            }
        }
    }

    private static void report(RuleContext ctx, SuppressionComments.Word word, String what, List<String> known,
                               String why) {
        String suggestion = word.text().isEmpty() ? null : Strings.closest(word.text(), known).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        if (suggestion != null) {
            data.put("suggestion", suggestion);
        }
        String shown = word.text().isEmpty() ? "Missing " + what : "Unknown " + what + " '" + Strings.shorten(word.text()) + "'";
        int end = Math.max(word.end(), word.start() + (word.text().isEmpty() ? 0 : 1));
        ctx.report(INVALID, word.start(), end, shown + " in a suppression comment"
                + (suggestion != null ? ": did you mean '" + suggestion + "'?" : ".") + " As written " + why + ".",
                data, List.of());
    }

    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        if (!(d.data().get("suggestion") instanceof String s)) {
            return List.of();
        }
        var doc = ctx.manifest().document();
        int start = doc.offsetAt(d.range().start());
        int end = doc.offsetAt(d.range().end());
        String typed = doc.text().substring(start, end);
        return List.of(Fix.of("Change to '" + s + "'", d.code(), true, Strings.isSlip(typed, s),
                ManifestEdits.edit(ctx.manifest(), start, end, s)));
    }
}
