package dev.astrid.ls.disclosure;

import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.workspace.PackFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a pack's code and manifests show it uses, for rules to compare with what it declares.
 * Evidence lists are in file order, and a permission's list starts with its certain evidence.
 */
public final class PackDisclosure {
    /** The permissions the checker has evidence tables for: all but project_files. */
    public static final List<PermissionId> CHECKED = List.of(PermissionId.NETWORK, PermissionId.SUBPROCESS,
            PermissionId.ENVIRONMENT, PermissionId.EXTERNAL_SERVICES, PermissionId.ACCELERATOR);

    /** Where code is imported or run from a value only known at run time ({@code importlib}, {@code exec}). */
    public record DynamicCode(String uri, int start, int end, int line, String display) {}

    private static final Comparator<Evidence> ORDER = Comparator.comparing((Evidence e) -> !e.certain())
            .thenComparing(Evidence::uri).thenComparingInt(Evidence::start);

    private final List<Evidence> code;
    private final List<Evidence> manifests;
    private final PackFiles.Code read;
    private final List<String> syntaxErrors;
    private final List<DynamicCode> dynamic;

    PackDisclosure(List<Evidence> code, List<Evidence> manifests, PackFiles.Code read, List<String> syntaxErrors,
            List<DynamicCode> dynamic) {
        this.code = List.copyOf(code);
        this.manifests = List.copyOf(manifests);
        this.read = read;
        this.syntaxErrors = List.copyOf(syntaxErrors);
        this.dynamic = List.copyOf(dynamic);
    }

    /** All evidence, code first, each in file order. */
    public List<Evidence> evidence() {
        return Stream.concat(code.stream(), manifests.stream()).toList();
    }

    /** The evidence for one permission, certain first. */
    public List<Evidence> evidence(PermissionId p) {
        return evidence().stream().filter(e -> e.permission() == p).sorted(ORDER).toList();
    }

    /** Evidence per permission, for the permissions that have some. */
    public Map<PermissionId, List<Evidence>> byPermission() {
        Map<PermissionId, List<Evidence>> out = new EnumMap<>(PermissionId.class);
        for (PermissionId p : PermissionId.values()) {
            List<Evidence> list = evidence(p);
            if (!list.isEmpty()) {
                out.put(p, list);
            }
        }
        return out;
    }

    /** Environment variables the code reads by name (not those the Astrid host provides), each with its sites. */
    public Map<String, List<Evidence>> variables() {
        return bySubject(code, PermissionId.ENVIRONMENT);
    }

    /** Hosts the code contacts or names in a URL, each with its network evidence, certain first. */
    public Map<String, List<Evidence>> hosts() {
        return bySubject(code, PermissionId.NETWORK);
    }

    private static Map<String, List<Evidence>> bySubject(List<Evidence> list, PermissionId p) {
        Map<String, List<Evidence>> out = new TreeMap<>();
        list.stream().filter(e -> e.permission() == p && e.subject() != null).sorted(ORDER)
                .forEach(e -> out.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e));
        return out;
    }

    /** Python files of the pack that were not analysed, and why. */
    public List<PackFiles.Skipped> skipped() {
        return read.skipped();
    }

    /** How many Python modules were analysed. */
    public int filesAnalysed() {
        return read.python().size();
    }

    /** Files in other programming languages, which are not analysed (at most {@link PackFiles#MAX_ENTRIES}). */
    public List<String> otherCode() {
        return read.otherCode();
    }

    /** False when the pack's folder could not be looked at (it is outside the workspace): only open buffers were read. */
    public boolean folderRead() {
        return read.disk();
    }

    /** Modules that are not valid Python: analysed as far as they go, which may miss a use. */
    public List<String> filesWithSyntaxErrors() {
        return syntaxErrors;
    }

    /** True when the pack's folder was read, and every Python file of it was read and is valid Python. */
    public boolean everyFileAnalysed() {
        return read.disk() && read.skipped().isEmpty() && syntaxErrors.isEmpty();
    }

    public List<DynamicCode> dynamicCode() {
        return dynamic;
    }

    public boolean dynamicCodeSeen() {
        return !dynamic.isEmpty();
    }

    // ---- against the declarations -----------------------------------------------------------

    /** Checked permissions with evidence that the pack manifest does not declare. */
    public Map<PermissionId, List<Evidence>> undeclared(Declarations d) {
        Map<PermissionId, List<Evidence>> out = new EnumMap<>(PermissionId.class);
        for (PermissionId p : CHECKED) {
            List<Evidence> list = evidence(p);
            if (!d.declares(p) && !list.isEmpty()) {
                out.put(p, list);
            }
        }
        return out;
    }

    /** Variables the code reads that no manifest of the pack names. */
    public Map<String, List<Evidence>> undeclaredVariables(Declarations d) {
        Map<String, List<Evidence>> out = new LinkedHashMap<>(variables());
        out.keySet().removeIf(d.variables()::contains);
        return out;
    }

    /**
     * Declared, checked permissions with no evidence at all: only when the absence means
     * something, that is every file was analysed, none is in another language and no code is
     * loaded dynamically; else empty. Nor when a use could hide behind another one: a child
     * process may use the network or a GPU, and a host no table knows may be a paid service.
     */
    public List<PermissionId> withoutEvidence(Declarations d) {
        if (!everyFileAnalysed() || dynamicCodeSeen() || !read.otherCode().isEmpty()) {
            return List.of();
        }
        boolean processes = !evidence(PermissionId.SUBPROCESS).isEmpty();
        boolean network = !evidence(PermissionId.NETWORK).isEmpty();
        return CHECKED.stream().filter(p -> d.declares(p) && evidence(p).isEmpty())
                .filter(p -> switch (p) {
                    case NETWORK, ACCELERATOR -> !processes;
                    case EXTERNAL_SERVICES -> !network;
                    default -> true;
                }).toList();
    }

    /** Hosts the code certainly contacts that the {@code network} permission's {@code services} do not cover. */
    public Map<String, List<Evidence>> hostsNotListed(Declarations d) {
        List<String> services = d.services().getOrDefault(PermissionId.NETWORK, List.of()).stream()
                .map(s -> s.toLowerCase(Locale.ROOT).trim()).toList();
        Map<String, List<Evidence>> out = new TreeMap<>();
        hosts().forEach((host, list) -> {
            if (list.get(0).certain() && !host.contains("*") && !covered(host, services)) {
                out.put(host, list);
            }
        });
        return out;
    }

    /** A host is covered by itself, a parent domain, or the name, host or provider key of its service. */
    private static boolean covered(String host, List<String> services) {
        Tables.Service service = Tables.serviceOfHost(host).orElse(null);
        for (String s : services) {
            String h = ManifestEvidence.destinationHost(s);
            if (h != null && (host.equals(h) || host.endsWith("." + h))) {
                return true;
            }
            if (service != null && (service.name().equalsIgnoreCase(s) || service.providers().contains(s)
                    || service.hosts().contains(h))) {
                return true;
            }
        }
        return false;
    }
}
