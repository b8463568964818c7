package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.disclosure.Evidence;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.workspace.PackView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Environment reads the pack does not disclose: variables its code reads (not those the Astrid
 * host provides to every task) and the pass-through variables its components name. A declared
 * secret is left to {@code secret-without-environment}, which marks the declaration itself.
 * See {@link UndeclaredUseRule}.
 */
@AutoService(Rule.class)
public final class EnvironmentRule extends UndeclaredUseRule {
    public static final Code UNDECLARED = Code.warning("environment-undeclared");

    public EnvironmentRule() {
        super(PermissionId.ENVIRONMENT, UNDECLARED);
    }

    @Override
    List<Evidence> evidence(PackView pack, List<Evidence> all) {
        Set<String> manifests = new HashSet<>();
        for (Manifest m : pack.all()) {
            manifests.add(m.document().uri());
        }
        Set<String> secrets = new HashSet<>();
        pack.all().forEach(m -> SecretSites.declarations(m).stream().filter(SecretSites.Declaration::secret)
                .forEach(d -> secrets.add(d.name())));
        return all.stream().filter(e -> !(manifests.contains(e.uri()) && secrets.contains(e.subject()))).toList();
    }
}
