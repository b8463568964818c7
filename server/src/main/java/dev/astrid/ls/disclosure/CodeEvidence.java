package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ACCELERATOR;
import static dev.astrid.ls.model.PermissionId.ENVIRONMENT;
import static dev.astrid.ls.model.PermissionId.EXTERNAL_SERVICES;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;

import dev.astrid.ls.disclosure.Evidence.Certainty;
import dev.astrid.ls.model.PermissionId;
import dev.astrid.ls.python.PyModule;
import dev.astrid.ls.python.PyModule.Arg;
import dev.astrid.ls.python.PyModule.EnvRead;
import dev.astrid.ls.python.PyModule.Import;
import dev.astrid.ls.python.PyModule.Literal;
import dev.astrid.ls.python.PyModule.Reference;
import dev.astrid.ls.python.PyModule.UrlUse;
import dev.astrid.ls.python.PyString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The evidence one analysed Python module gives, through {@link Tables}. */
final class CodeEvidence {
    /** Calls that only print, log, raise or take a string apart: a URL passed to one is not contacted. */
    private static final Set<String> NOT_REQUESTS = Set.of("print", "repr", "str", "len", "isinstance", "format",
            "startswith", "endswith", "split", "rsplit", "replace", "strip", "lstrip", "rstrip", "lower", "upper",
            "join", "add_argument", "add_parser", "debug", "info", "warning", "warn", "error", "exception", "critical",
            "log", "SystemExit", "match", "fullmatch", "search", "sub", "compile", "urlparse", "urlsplit",
            "urljoin", "quote", "unquote", "urlencode", "append", "extend", "get", "setdefault");
    private static final Set<String> DYNAMIC_CODE = Set.of("importlib.import_module", "__import__",
            "importlib.__import__", "importlib.util.spec_from_file_location", "runpy.run_path", "runpy.run_module",
            "exec", "eval");

    record Result(List<Evidence> evidence, List<PackDisclosure.DynamicCode> dynamic) {}

    private final PyModule m;
    private final String uri;
    private final String path;
    private final UnaryOperator<String> imported;
    private final Map<String, Evidence> out = new LinkedHashMap<>();
    /** The function of the use being read, for the evidence {@link #add} makes. */
    private String function;
    private final List<PackDisclosure.DynamicCode> dynamic = new ArrayList<>();

    private CodeEvidence(PyModule m, String uri, String path, UnaryOperator<String> imported) {
        this.m = m;
        this.uri = uri;
        this.path = path;
        this.imported = imported;
    }

    /**
     * @param path the module's path as shown in messages
     * @param imported the value of a string constant imported from another module of the pack,
     *     given {@code module:name} as {@link PyModule.EnvRead#detail()} has it, or null
     */
    static Result of(PyModule m, String uri, String path, UnaryOperator<String> imported) {
        CodeEvidence c = new CodeEvidence(m, uri, path, imported);
        c.references();
        c.environment();
        c.urls();
        c.literals();
        c.importsOnly();
        return new Result(List.copyOf(c.out.values()), List.copyOf(c.dynamic));
    }

    private void add(PermissionId p, int start, int end, String what, String note, String subject) {
        String key = p + ":" + start + ":" + end + ":" + subject;
        int line = m.line(start);
        Evidence e = new Evidence(p, uri, start, end, m.range(start, end), path + ":" + line + " " + what,
                note == null ? Certainty.CERTAIN : Certainty.UNCERTAIN, note, subject, function);
        out.merge(key, e, (old, now) -> old.certain() || !now.certain() ? old : now);
    }

    private boolean has(PermissionId p, boolean certain) {
        return out.values().stream().anyMatch(e -> e.permission() == p && (!certain || e.certain()));
    }

    // ---- calls --------------------------------------------------------------------------

    private void references() {
        boolean torch = m.imports().stream().anyMatch(i -> i.level() == 0 && (i.module().equals("torch")
                || i.module().startsWith("torch.")));
        for (Reference r : m.references()) {
            function = r.function();
            accelerator(r, torch);
            if (!r.resolved()) {
                continue;
            }
            if (r.call() && DYNAMIC_CODE.contains(r.name())) {
                int line = m.line(r.start());
                dynamic.add(new PackDisclosure.DynamicCode(uri, r.start(), r.end(), line, path + ":" + line + " "
                        + r.name() + "(...)"));
            }
            List<Tables.Row> rows = rows(r.name(), r.call());
            if (rows.isEmpty() && !(r.call() && service(r.name()) != null)
                    && !Tables.ASTRID_NETWORK_HELPERS.containsKey(r.name())
                    && !Tables.ASTRID_CREDENTIAL_LOOKUPS.contains(r.name())
                    && !Tables.ASTRID_SECRET_READERS.contains(r.name())) {
                continue; // the common case: a name no table knows
            }
            String shown = r.name() + (r.call() ? "(...)" : "");
            for (Tables.Row row : rows) {
                if (row.permission() == SUBPROCESS) {
                    String program = program(r);
                    add(SUBPROCESS, r.start(), r.end(), program == null ? shown
                            : r.name() + "(\"" + program + "\", ...)", row.note(), program);
                    if (program != null && Tables.NETWORK_PROGRAMS.contains(program)) {
                        add(NETWORK, r.start(), r.end(), r.name() + "(\"" + program + "\", ...)",
                                "network only inside the " + program + " child process", null);
                    }
                } else {
                    add(row.permission(), r.start(), r.end(), shown, row.note(), null);
                }
            }
            Tables.Service s = r.call() ? service(r.name()) : null;
            if (s != null) {
                add(EXTERNAL_SERVICES, r.start(), r.end(), shown, null, s.name());
                add(NETWORK, r.start(), r.end(), shown, null, null);
            }
            astrid(r, shown);
        }
    }

    /** The program a process call starts, when its first argument shows it. */
    private static String program(Reference r) {
        Arg a = r.keyword("argv") != null ? r.keyword("argv")
                : r.positional(r.name().startsWith("os.spawn") ? 1 : 0);
        if (a == null) {
            a = r.keyword("args");
        }
        if (a == null) {
            return null;
        }
        String first = a.head() != null ? a.head() : a.string();
        if (first == null || first.isBlank()) {
            return null;
        }
        String p = Tables.program(first);
        return p.isEmpty() || p.indexOf(PyString.FIELD) >= 0 || p.contains("{") ? null : p;
    }

    private static final Set<String> DEVICE_CALLS = Set.of("torch.device", "torch.set_default_device", "jax.devices",
            "tensorflow.device");
    private static final Set<String> DEVICE_KEYWORDS = Set.of("device", "device_map", "devices");

    private void accelerator(Reference r, boolean torch) {
        if (!r.call()) {
            return;
        }
        // a device as the first positional argument counts for these calls only; as a keyword, for any call
        for (int i = 0; i < r.args().size(); i++) {
            Arg a = r.args().get(i);
            if (a.string() == null || a.formatted()) {
                continue; // most arguments: the call's name need not be looked up
            }
            boolean keyword = a.keyword() != null && DEVICE_KEYWORDS.contains(a.keyword());
            boolean positional = !keyword && i == 0 && a.keyword() == null
                    && (r.resolved() ? DEVICE_CALLS.contains(r.name()) : r.name().endsWith(".to"));
            if ((keyword || positional) && Tables.isGpuDevice(a.string())) {
                add(ACCELERATOR, keyword ? a.start() : r.start(), keyword ? a.end() : r.end(), r.name() + "("
                        + (keyword ? a.keyword() + "=" : "") + "\"" + a.string() + "\")", null, a.string());
            }
        }
        if (torch && !r.resolved() && r.args().isEmpty() && r.name().endsWith(".cuda")) {
            add(ACCELERATOR, r.start(), r.end(), r.name() + "()", null, "cuda");
        }
    }

    /** Astrid's own helpers: credentials through its provider table, and service calls made for the caller. */
    private void astrid(Reference r, String shown) {
        Tables.Helper helper = Tables.ASTRID_NETWORK_HELPERS.get(r.name());
        if (helper != null) {
            add(NETWORK, r.start(), r.end(), shown + " (contacts " + helper.host() + ")", null, helper.host());
            add(EXTERNAL_SERVICES, r.start(), r.end(), shown, null, helper.service());
        }
        if (!r.call()) {
            return; // a helper passed as a value (uploader=fal_storage_upload) is called later; lookups need arguments
        }
        if (Tables.ASTRID_CREDENTIAL_LOOKUPS.contains(r.name())) {
            Arg provider = r.positional(0);
            Arg override = r.keyword("env_var");
            String p = provider == null || provider.formatted() ? null : provider.string();
            String name = override != null && override.string() != null && !override.formatted() ? override.string()
                    : p == null ? null : Tables.ASTRID_PROVIDER_ENV.get(p);
            String call = r.name().substring(r.name().lastIndexOf("CredentialsScope"));
            if (name != null) {
                variable(r.start(), r.end(), call + "(\"" + p + "\") → " + name, name);
            } else {
                add(ENVIRONMENT, r.start(), r.end(), call + "(" + (provider == null ? "" : provider.text()) + ")",
                        "the provider, and so the variable, is chosen at run time", null);
            }
            if (p != null) {
                Tables.serviceOfProvider(p).ifPresent(s -> add(EXTERNAL_SERVICES, r.start(), r.end(),
                        call + "(\"" + p + "\")", null, s.name()));
            }
        }
        if (Tables.ASTRID_SECRET_READERS.contains(r.name())) {
            Arg a = r.positional(0);
            String call = r.attribute();
            if (a != null && a.string() != null && !a.formatted()) {
                variable(r.start(), r.end(), call + "(\"" + a.string() + "\")", a.string());
            } else {
                add(ENVIRONMENT, r.start(), r.end(), call + "(" + (a == null ? "" : a.text()) + ")",
                        "the variable's name is computed at run time", null);
            }
        }
    }

    /** A read of a named variable: evidence unless the Astrid host provides it. */
    private void variable(int start, int end, String what, String name) {
        if (!Tables.HOST_PROVIDED_ENV.contains(name)) {
            add(ENVIRONMENT, start, end, what, null, name);
        }
    }

    // ---- environment ------------------------------------------------------------------------

    private void environment() {
        for (EnvRead e : m.envReads()) {
            function = e.function();
            switch (e.via()) {
                case LITERAL -> variable(e.start(), e.end(), e.code(), e.name());
                case CONSTANT, REGISTRY -> variable(e.start(), e.end(), e.code() + " → " + e.name(), e.name());
                case PROVIDER_TABLE -> {
                    if (e.name() != null) {
                        variable(e.start(), e.end(), e.code() + " → " + e.name(), e.name());
                    } else {
                        List<String> names = m.providerTables().stream().filter(t -> t.name().equals(e.detail()))
                                .flatMap(t -> t.entries().values().stream()).sorted().toList();
                        add(ENVIRONMENT, e.start(), e.end(), e.code(), "the variable is picked from " + e.detail()
                                + " at run time: one of " + String.join(", ", names), null);
                    }
                }
                case IMPORTED -> {
                    String value = imported.apply(e.detail());
                    if (value != null) {
                        variable(e.start(), e.end(), e.code() + " → " + value, value);
                    } else {
                        add(ENVIRONMENT, e.start(), e.end(), e.code(), "the variable's name is imported from "
                                + e.detail().replace(':', '.') + ", which was not analysed", null);
                    }
                }
                case DYNAMIC -> add(ENVIRONMENT, e.start(), e.end(), e.code(),
                        "the variable's name is computed at run time", null);
                case WHOLE -> add(ENVIRONMENT, e.start(), e.end(), e.code(),
                        "the whole environment is read or handed on; which variables are used is not known", null);
            }
        }
    }

    // ---- URLs -------------------------------------------------------------------------------

    private void urls() {
        Set<String> networkFunctions = new HashSet<>();
        for (Reference r : m.references()) {
            if (r.function() != null && r.resolved() && isRequest(r.name())) {
                networkFunctions.add(r.function());
            }
        }
        // functions of this module whose result is passed to a request: the URLs they build are fetched
        Set<String> urlBuilders = new HashSet<>();
        for (Reference r : m.references()) {
            if (r.call() && ((r.resolved() && isRequest(r.name())) || networkFunctions.contains(local(r.name())))) {
                r.args().forEach(a -> a.calls().forEach(c -> urlBuilders.add(local(c))));
            }
        }
        boolean moduleNetwork = has(NETWORK, true);
        for (UrlUse u : m.urls()) {
            function = u.function();
            String what = (u.constant() != null ? u.constant() + " → " : "") + "\"" + u.url() + "\"";
            String note;
            if (u.calls().stream().anyMatch(c -> isRequest(c) || networkFunctions.contains(local(c)))
                    || (u.calls().isEmpty() && urlBuilders.contains(u.function()))) {
                note = null;
            } else if (moduleNetwork) {
                note = "the request was not traced to this URL";
            } else if (!u.calls().isEmpty() && !NOT_REQUESTS.contains(u.calls().get(0).substring(
                    u.calls().get(0).lastIndexOf('.') + 1)) && !u.calls().get(0).startsWith("logging.")
                    && !u.calls().get(0).endsWith("Error") && !u.calls().get(0).endsWith("Exception")
                    && !u.calls().get(0).endsWith("Warning")) {
                note = "the URL is passed to " + u.calls().get(0) + "(…), but no network call was recognised";
            } else {
                continue;
            }
            add(NETWORK, u.start(), u.end(), what, note, u.host());
            String n = note;
            Tables.serviceOfHost(u.host()).ifPresent(s -> add(EXTERNAL_SERVICES, u.start(), u.end(), what, n, s.name()));
        }
    }

    // Table look-ups by name, once per name and module: the same names recur throughout a module.
    private final Map<String, List<Tables.Row>> calledRows = new java.util.HashMap<>();
    private final Map<String, Optional<Tables.Service>> services = new java.util.HashMap<>();
    private final Map<String, Boolean> requests = new java.util.HashMap<>();

    private List<Tables.Row> rows(String name, boolean call) {
        return call ? calledRows.computeIfAbsent(name, n -> Tables.match(n, true)) : Tables.match(name, false);
    }

    private Tables.Service service(String name) {
        return services.computeIfAbsent(name, Tables::serviceOfModule).orElse(null);
    }

    /** Whether a call (by resolved name) certainly sends a request. */
    private boolean isRequest(String name) {
        return requests.computeIfAbsent(name, n -> rows(n, true).stream()
                .anyMatch(r -> r.permission() == NETWORK && r.note() == null)
                || Tables.ASTRID_NETWORK_HELPERS.containsKey(n) || service(n) != null);
    }

    /** The function a call of this module's own code names: {@code _get}, {@code self._get}. */
    private static String local(String call) {
        String c = call.startsWith("self.") ? call.substring(5) : call.startsWith("cls.") ? call.substring(4) : call;
        return c.contains(".") ? "" : c;
    }

    // ---- literals and imports ---------------------------------------------------------------

    private void literals() {
        function = null;
        boolean browser = false;
        boolean processes = has(SUBPROCESS, true);
        for (Literal l : m.literals()) {
            if (l.call() == null && Tables.isGpuDevice(l.value())) {
                add(ACCELERATOR, l.start(), l.end(), "\"" + l.value() + "\"", "a GPU device name, not seen passed to a "
                        + "call", l.value());
            } else if (Tables.isGpuProvider(l.value())) {
                add(ACCELERATOR, l.start(), l.end(), "\"" + l.value() + "\"", "names a GPU execution provider", null);
            } else if (!browser && processes && Tables.isBrowserFlag(l.value())) {
                browser = true;
                add(NETWORK, l.start(), l.end(), "\"" + l.value() + "\"", "network only inside a Chromium subprocess "
                        + "(started with " + l.value() + ")", null);
            }
        }
    }

    /** A network library or service SDK imported with no call of it seen: a use is likely, not shown. */
    private void importsOnly() {
        function = null;
        Set<String> called = new HashSet<>();
        for (Reference r : m.references()) {
            if (r.resolved() && r.call()) {
                for (String n = r.name(); !called.contains(n); n = n.substring(0, n.lastIndexOf('.'))) {
                    called.add(n);
                    if (!n.contains(".")) {
                        break;
                    }
                }
            }
        }
        for (Import i : m.imports()) {
            String q = i.qualified();
            if (i.level() > 0 || called.contains(q)) {
                continue;
            }
            String note = "imported, but no call of it was seen";
            Tables.moduleRow(i.module()).filter(r -> r.permission() == NETWORK)
                    .ifPresent(r -> add(NETWORK, i.start(), i.end(), "import " + q, note, null));
            Tables.serviceOfModule(q).ifPresent(s -> {
                add(EXTERNAL_SERVICES, i.start(), i.end(), "import " + q, note, s.name());
                add(NETWORK, i.start(), i.end(), "import " + q, note, null);
            });
        }
    }
}
