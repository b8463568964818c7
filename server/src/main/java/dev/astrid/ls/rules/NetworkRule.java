package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.PermissionId;

/**
 * Network use the pack does not disclose: a network client or service SDK called in its code, a
 * URL it fetches, a network program it runs, or a component's {@code isolation.network: true} or
 * {@code network_policy}. See {@link UndeclaredUseRule}.
 */
@AutoService(Rule.class)
public final class NetworkRule extends UndeclaredUseRule {
    public static final Code UNDECLARED = Code.warning("network-undeclared");

    public NetworkRule() {
        super(PermissionId.NETWORK, UNDECLARED);
    }
}
