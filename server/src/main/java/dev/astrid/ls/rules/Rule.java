package dev.astrid.ls.rules;

import java.util.List;

/**
 * One check over one manifest. To add a rule: write a class implementing this, list it in
 * {@link Rules}, and write its test and its {@code docs/rules/<code>.md} page.
 */
public interface Rule {
    /** The codes this rule may report. */
    List<Code> codes();

    void check(RuleContext context);
}
