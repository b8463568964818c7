package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.disclosure.Declarations;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.edit.Fix;
import dev.astrid.ls.edit.ManifestEdits;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.List;
import java.util.Map;

/**
 * A host the pack's code certainly contacts that the {@code network} permission's {@code services}
 * do not list (by the host, a parent domain, or its service's name). Information: Astrid does not
 * check {@code services} against anything, but a user reads it to know where their data goes.
 */
@AutoService(Rule.class)
public final class ServicesHostRule implements Rule {
    public static final Code MISSING_HOST = Code.info("services-missing-host");

    @Override
    public List<Code> codes() {
        return List.of(MISSING_HOST);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = DisclosureFindings.onPackManifest(ctx);
        YamlMapping item = pack == null ? null : Permissions.item(pack.pack(), "network");
        PackDisclosure disclosure = item == null ? null : ctx.disclosure().orElse(null);
        if (disclosure == null) {
            return;
        }
        YamlMapping.Entry services = item.entry("services");
        YamlNode at = services != null ? services.key() : item.get("id");
        disclosure.hostsNotListed(Declarations.of(pack)).forEach((host, sites) ->
                ctx.report(MISSING_HOST, at.start(), at.end(), host + " is contacted but not in the `network` "
                        + "permission's services: " + DisclosureFindings.sites(sites) + ". List it, so users see "
                        + "which hosts the pack talks to.", Map.of("host", host), DisclosureFindings.related(sites)));
    }

    /** Adds the host to the {@code network} item's {@code services}, creating the list when there is none. */
    @Override
    public List<Fix> fixes(FixContext ctx, Diagnostic d) {
        YamlMapping item = ctx.pack() == null ? null : Permissions.item(ctx.pack().pack(), "network");
        if (item == null || !(d.data().get("host") instanceof String host)) {
            return List.of();
        }
        Manifest m = ctx.pack().pack();
        YamlNode services = item.get("services");
        if (services != null && !(services instanceof YamlSequence)) {
            return List.of(); // not a list: permission-invalid-services says so first
        }
        return List.of(Fix.of("Add " + host + " to the network permission's services", d.code(), true, false,
                services instanceof YamlSequence list ? ManifestEdits.appendToList(m, list, List.of(host))
                        : ManifestEdits.addEntry(m, item, "services", new ManifestEdits.Texts(List.of(host)))));
    }
}
