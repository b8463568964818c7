package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.PermissionId;

/**
 * Paid or third-party services the pack does not disclose: an SDK called, a known API host, Astrid's
 * credential lookups and service helpers, {@code metadata.api_provider} or a
 * {@code credentials.<provider>} scoped config. See {@link UndeclaredUseRule}.
 */
@AutoService(Rule.class)
public final class ExternalServicesRule extends UndeclaredUseRule {
    public static final Code UNDECLARED = Code.warning("external-services-undeclared");

    public ExternalServicesRule() {
        super(PermissionId.EXTERNAL_SERVICES, UNDECLARED);
    }
}
