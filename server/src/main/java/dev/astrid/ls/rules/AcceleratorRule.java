package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.PermissionId;

/**
 * GPU use the pack does not disclose: {@code torch.cuda}, CUDA or MPS device names passed to a
 * call, GPU libraries and execution providers. See {@link UndeclaredUseRule}.
 */
@AutoService(Rule.class)
public final class AcceleratorRule extends UndeclaredUseRule {
    public static final Code UNDECLARED = Code.warning("accelerator-undeclared");

    public AcceleratorRule() {
        super(PermissionId.ACCELERATOR, UNDECLARED);
    }
}
