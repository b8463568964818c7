package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.PermissionId;

/**
 * Child processes the pack does not disclose: {@code subprocess}, {@code os.system} and the like in
 * its code, {@code isolation.binaries} or a {@code command.argv} program. See {@link UndeclaredUseRule}.
 */
@AutoService(Rule.class)
public final class SubprocessRule extends UndeclaredUseRule {
    public static final Code UNDECLARED = Code.warning("subprocess-undeclared");

    public SubprocessRule() {
        super(PermissionId.SUBPROCESS, UNDECLARED);
    }
}
