package dev.astrid.ls.rules;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.core.Setting;
import dev.astrid.ls.edit.Fix;
import java.util.List;

/**
 * One check over one manifest, with the quick fixes for what it reports. To add a rule: write a
 * class implementing this, list it in {@link Rules}, and write its test and its
 * {@code docs/rules/<code>.md} page. Nothing else changes.
 */
public interface Rule {
    /** The codes this rule may report. */
    List<Code> codes();

    void check(RuleContext context);

    /**
     * Quick fixes for one of this rule's diagnostics, computed from the diagnostic's code and data
     * and the current text (never from the message). None by default.
     */
    default List<Fix> fixes(FixContext context, Diagnostic diagnostic) {
        return List.of();
    }

    /** The settings this rule reads (declared once, here). */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
