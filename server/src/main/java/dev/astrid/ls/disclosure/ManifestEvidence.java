package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ENVIRONMENT;
import static dev.astrid.ls.model.PermissionId.EXTERNAL_SERVICES;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;

import dev.astrid.ls.disclosure.Evidence.Certainty;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.model.SecretSites;
import dev.astrid.ls.python.Urls;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlScalar;
import dev.astrid.ls.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pack's manifests say its components do: {@code isolation.network}, {@code isolation.binaries},
 * the variables they name in {@code isolation} and {@code metadata} ({@code env_passthrough},
 * {@code secrets_required}, {@code env}; a {@code secrets:} list declares, it does not state a use),
 * {@code metadata.api_provider},
 * {@code metadata.network_policy}, {@code scoped_configs: [credentials.<provider>]} and the program
 * in {@code command.argv} (schema 3: {@code actions.<name>.invocation.command.argv}). A component
 * stating a use is certain evidence of it.
 */
final class ManifestEvidence {
    private final Manifest m;
    private final String path;
    private final List<Evidence> out = new ArrayList<>();

    private ManifestEvidence(Manifest m, String path) {
        this.m = m;
        this.path = path;
    }

    /** @param path the manifest's path as shown in messages */
    static List<Evidence> of(Manifest m, String path) {
        ManifestEvidence e = new ManifestEvidence(m, path);
        e.read();
        return e.out;
    }

    private void read() {
        for (SecretSites.Declaration d : SecretSites.declarations(m)) {
            // a component's isolation or metadata states what it reads; a `secrets:` list only declares
            if ((d.site().contains("isolation.") || d.site().contains("metadata."))
                    && !Tables.HOST_PROVIDED_ENV.contains(d.name())) {
                add(ENVIRONMENT, d.node(), d.site() + ": " + d.name(), null, d.name());
            }
        }
        YamlMapping root = m.root();
        if (root == null) {
            return;
        }
        Map<String, YamlMapping> components = new LinkedHashMap<>();
        if (m.kind() != ManifestKind.PACK) {
            components.put("", root);
        } else if (root.get("actions") instanceof YamlMapping actions) {
            for (YamlMapping.Entry a : actions.entries()) {
                if (a.value() instanceof YamlMapping action && a.keyText() != null) {
                    components.put("actions." + a.keyText() + ".", action);
                }
            }
        }
        components.forEach(this::component);
    }

    private void component(String prefix, YamlMapping c) {
        if (c.get("isolation") instanceof YamlMapping iso) {
            if (iso.get("network") instanceof YamlScalar net && YamlScalar.isTrue(net)) {
                add(NETWORK, net, prefix + "isolation.network: true", null, null);
            }
            for (YamlScalar b : strings(iso.get("binaries"))) {
                program(b, prefix + "isolation.binaries");
            }
        }
        if (c.get("metadata") instanceof YamlMapping meta) {
            if (meta.get("api_provider") instanceof YamlScalar p && p.kind() == YamlScalar.Kind.STRING
                    && !p.isBlank() && !p.value().equalsIgnoreCase("none")) {
                String service = Tables.serviceOfProvider(p.value()).map(Tables.Service::name).orElse(p.value());
                add(EXTERNAL_SERVICES, p, prefix + "metadata.api_provider: " + p.value(), null, service);
            }
            if (meta.get("network_policy") instanceof YamlMapping policy) {
                for (YamlScalar d : strings(policy.get("allowed_destinations"))) {
                    String host = destinationHost(d.value());
                    String what = prefix + "metadata.network_policy.allowed_destinations: " + d.value();
                    add(NETWORK, d, what, null, host);
                    if (host != null) {
                        Tables.serviceOfHost(host).ifPresent(s -> add(EXTERNAL_SERVICES, d, what, null, s.name()));
                    }
                }
                for (YamlScalar u : strings(policy.get("dynamic_url_inputs"))) {
                    add(NETWORK, u, prefix + "metadata.network_policy.dynamic_url_inputs: " + u.value(), null, null);
                }
            }
        }
        for (YamlScalar s : strings(c.get("scoped_configs"))) {
            if (s.value().startsWith("credentials.") && s.value().length() > "credentials.".length()) {
                String provider = s.value().substring("credentials.".length());
                String service = Tables.serviceOfProvider(provider).map(Tables.Service::name).orElse(provider);
                add(EXTERNAL_SERVICES, s, prefix + "scoped_configs: " + s.value(), null, service);
            }
        }
        YamlNode command = c.get("command");
        if (c.get("invocation") instanceof YamlMapping inv && !(inv.get("kind") instanceof YamlScalar k
                && !k.value().equals("command"))) {
            command = inv.get("command");
            prefix += "invocation.";
        }
        if (command instanceof YamlMapping cmd && cmd.get("argv") instanceof YamlSequence argv
                && !argv.items().isEmpty() && YamlNode.deref(argv.items().get(0)) instanceof YamlScalar first
                && first.kind() == YamlScalar.Kind.STRING && !first.isBlank()) {
            program(first, prefix + "command.argv[0]");
        }
    }

    private void program(YamlScalar node, String site) {
        String program = Tables.program(node.value());
        if (program.isEmpty() || Tables.isPython(program) || program.startsWith("{")) {
            return;
        }
        add(SUBPROCESS, node, site + ": " + node.value(), null, program);
        if (Tables.NETWORK_PROGRAMS.contains(program)) {
            add(NETWORK, node, site + ": " + node.value(), "network only inside the " + program + " child process", null);
        }
    }

    /** The host of {@code host:port}, {@code https://host:port/} or a bare host; null when there is none. */
    static String destinationHost(String destination) {
        String d = destination.trim().toLowerCase(Locale.ROOT);
        if (d.contains("://")) {
            return Urls.host(d);
        }
        if (d.startsWith("[")) {
            int close = d.indexOf(']');
            return close > 0 ? d.substring(0, close + 1) : null;
        }
        int colon = d.lastIndexOf(':');
        String host = colon > 0 && d.substring(colon + 1).matches("[0-9]*") ? d.substring(0, colon) : d;
        return host.matches("[a-z0-9.\\-*]+") ? host : null;
    }

    private static List<YamlScalar> strings(YamlNode node) {
        List<YamlScalar> out = new ArrayList<>();
        if (YamlNode.deref(node) instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (YamlNode.deref(item) instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private void add(PermissionId p, YamlNode node, String what, String note, String subject) {
        int line = m.document().positionAt(node.start()).line() + 1;
        out.add(new Evidence(p, m.document().uri(), node.start(), node.end(), m.document().rangeOf(node.start(),
                node.end()), path + ":" + line + " " + what,
                note == null ? Certainty.CERTAIN : Certainty.UNCERTAIN, note, subject, null));
    }
}
