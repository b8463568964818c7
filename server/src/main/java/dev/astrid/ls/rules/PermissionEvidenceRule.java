package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.disclosure.Declarations;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlScalar;
import java.util.List;

/**
 * A declared permission that nothing in the pack shows a use of. Only a hint, and only when the
 * absence means something: the pack has Python code, every manifest parsed, every Python file
 * was read and is valid, none is in another language, no code is loaded by a name known only at
 * run time, and no other use could hide this one ({@link PackDisclosure#withoutEvidence}). Even then a
 * library or a child process may use it, so the message says the check cannot prove absence.
 */
@AutoService(Rule.class)
public final class PermissionEvidenceRule implements Rule {
    public static final Code WITHOUT_EVIDENCE = Code.hint("permission-without-evidence");

    @Override
    public List<Code> codes() {
        return List.of(WITHOUT_EVIDENCE);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = DisclosureFindings.onPackManifest(ctx);
        PackDisclosure disclosure = pack == null || !pack.complete() ? null : ctx.disclosure().orElse(null);
        if (disclosure == null || disclosure.filesAnalysed() == 0) {
            return; // a pack without Python has its code elsewhere, or in a form no check reads
        }
        String where = "not in the pack's " + plural(disclosure.filesAnalysed(), "Python file") + " nor in its "
                + plural(pack.all().size(), "manifest");
        for (PermissionId p : disclosure.withoutEvidence(Declarations.of(pack))) {
            YamlScalar id = Permissions.find(pack.pack(), p.id());
            ctx.report(WITHOUT_EVIDENCE, id, "No use of `" + p.id() + "` found: " + where + ". If the pack no longer "
                    + "needs it, remove it; a static check cannot prove it unused (a library or a child process may "
                    + "still use it).");
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
