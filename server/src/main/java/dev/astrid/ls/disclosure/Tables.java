package dev.astrid.ls.disclosure;

import static dev.astrid.ls.model.PermissionId.ACCELERATOR;
import static dev.astrid.ls.model.PermissionId.NETWORK;
import static dev.astrid.ls.model.PermissionId.SUBPROCESS;

import dev.astrid.ls.model.PermissionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evidence → permission tables. Each is a plain list: add a row to teach the checker a name. Python
 * names are fully qualified as the code would import them; a row marked {@code module} matches a
 * call of anything under that module ({@code requests} matches {@code requests.get(...)}), other
 * rows match one callable, called or passed as a value ({@code runner=subprocess.run}).
 */
final class Tables {
    private Tables() {}

    /** One row. {@code note} is null for certain evidence, else why it is uncertain. */
    record Row(String name, boolean module, PermissionId permission, String note) {}

    private static final List<Row> ROWS = new ArrayList<>();

    private static void calls(PermissionId p, String note, String module, String... names) {
        for (String n : names) {
            ROWS.add(new Row(module + "." + n, false, p, note));
        }
    }

    private static void modules(PermissionId p, String note, String... modules) {
        for (String m : modules) {
            ROWS.add(new Row(m, true, p, note));
        }
    }

    static {
        // network: the Python standard library's clients and servers
        // (docs.python.org/3/library: urllib.request, http.client, http.server, socketserver, socket,
        // ftplib, smtplib, imaplib, poplib, xmlrpc.client, asyncio-stream)
        calls(NETWORK, null, "urllib.request", "urlopen", "urlretrieve", "Request", "build_opener", "OpenerDirector");
        calls(NETWORK, null, "http.client", "HTTPConnection", "HTTPSConnection");
        calls(NETWORK, null, "http.server", "HTTPServer", "ThreadingHTTPServer", "test");
        calls(NETWORK, null, "socketserver", "TCPServer", "UDPServer", "ThreadingTCPServer", "ThreadingUDPServer",
                "ForkingTCPServer", "ForkingUDPServer");
        calls(NETWORK, null, "socket", "socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname",
                "gethostbyname_ex", "gethostbyaddr");
        calls(NETWORK, null, "ftplib", "FTP", "FTP_TLS");
        calls(NETWORK, null, "smtplib", "SMTP", "SMTP_SSL", "LMTP");
        calls(NETWORK, null, "imaplib", "IMAP4", "IMAP4_SSL");
        calls(NETWORK, null, "poplib", "POP3", "POP3_SSL");
        calls(NETWORK, null, "xmlrpc.client", "ServerProxy");
        calls(NETWORK, null, "asyncio", "open_connection", "start_server");
        // network: HTTP, WebSocket, RPC and SSH client libraries, each package's documented entry points (PyPI)
        modules(NETWORK, null, "requests", "httpx", "aiohttp", "websockets", "websocket", "urllib3", "pycurl",
                "grpc", "paramiko", "fabric", "boto3", "botocore", "google.cloud", "azure", "smart_open");
        modules(NETWORK, "downloads from the Hugging Face Hub unless the files are already cached",
                "huggingface_hub");

        // subprocess: docs.python.org/3/library subprocess, os (process management),
        // asyncio-subprocess, pty; pexpect.readthedocs.io
        calls(SUBPROCESS, null, "subprocess", "run", "Popen", "call", "check_call", "check_output", "getoutput",
                "getstatusoutput");
        calls(SUBPROCESS, null, "os", "system", "popen", "execl", "execle", "execlp", "execlpe", "execv", "execve",
                "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp",
                "spawnvpe", "posix_spawn", "posix_spawnp", "startfile", "fork", "forkpty");
        calls(SUBPROCESS, null, "asyncio", "create_subprocess_exec", "create_subprocess_shell");
        calls(SUBPROCESS, null, "asyncio.subprocess", "create_subprocess_exec", "create_subprocess_shell");
        calls(SUBPROCESS, null, "pty", "spawn", "fork");
        modules(SUBPROCESS, null, "pexpect");
        // Astrid's orchestrator DSL: code(argv=[...]) is a step the host runs as a local command.
        // Source: banodoco/ArtAgents@1519df7d738635afcaff08377927b38a30637044 astrid/orchestrate/dsl.py
        // (code() sets adapter "local" and command = shlex.join(argv)). The argv's strings are not read as code.
        calls(SUBPROCESS, null, "astrid.orchestrate", "code");
        String workers = "starts Python worker processes, not an outside program";
        calls(SUBPROCESS, workers, "multiprocessing", "Process", "Pool");
        calls(SUBPROCESS, workers, "concurrent.futures", "ProcessPoolExecutor");

        // accelerator: pytorch.org/docs/stable/cuda.html and backends.html; docs.cupy.dev; numba cuda docs
        String probe = "only checks whether a GPU is there";
        calls(ACCELERATOR, probe, "torch.cuda", "is_available", "device_count", "get_device_name");
        calls(ACCELERATOR, probe, "torch.backends.mps", "is_available", "is_built");
        modules(ACCELERATOR, null, "torch.cuda", "cupy", "pycuda", "numba.cuda", "tensorrt");

        // vibecomfy runs ComfyUI workflows: it starts a ComfyUI session process, talks HTTP to it and
        // sizes its GPU memory. Source: peteromallet/Astrid@032f65bcd84bd6360f83c260aa902c3a70cc0575
        // astrid/core/generation/backends/vibecomfy.py (_owner_session_command, _open_checkout_http).
        String comfy = "inside vibecomfy, which runs ComfyUI as a local server process, usually on a GPU";
        modules(SUBPROCESS, comfy, "vibecomfy");
        modules(NETWORK, comfy, "vibecomfy");
        modules(ACCELERATOR, comfy, "vibecomfy");
    }

    private static final Map<String, List<Row>> EXACT = new HashMap<>();
    private static final Map<String, List<Row>> MODULES = new HashMap<>();

    static {
        for (Row r : ROWS) {
            (r.module() ? MODULES : EXACT).computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
    }

    /** Rows that a use of a resolved name matches: the exact callable first, else the nearest module. */
    static List<Row> match(String name, boolean call) {
        List<Row> exact = EXACT.get(name);
        if (exact != null) {
            return exact;
        }
        if (!call || looksLikeError(name)) {
            return List.of();
        }
        for (String n = name; n.contains("."); ) {
            n = n.substring(0, n.lastIndexOf('.'));
            List<Row> rows = MODULES.get(n);
            if (rows != null) {
                return rows;
            }
        }
        return List.of();
    }

    /** Exception classes and their modules are named, caught and raised, never a use. */
    private static boolean looksLikeError(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.endsWith("Error") || last.endsWith("Exception") || last.endsWith("Warning")
                || last.endsWith("Timeout") || name.contains(".exceptions.");
    }

    /** Whether a module (or a name under it) is in a module row, for import-only evidence. */
    static Optional<Row> moduleRow(String module) {
        for (String n = module; ; n = n.substring(0, n.lastIndexOf('.'))) {
            List<Row> rows = MODULES.get(n);
            if (rows != null) {
                return Optional.of(rows.get(0));
            }
            if (!n.contains(".")) {
                return Optional.empty();
            }
        }
    }

    // ---- external services ----------------------------------------------------------------

    /**
     * A paid or third-party service: its Python SDK packages (a call of anything under one is a
     * use), the hosts it answers on (a suffix match), and Astrid's provider key for it (as in
     * {@code credentials.<provider>} and {@code metadata.api_provider}).
     */
    record Service(String name, List<String> modules, List<String> hosts, List<String> providers) {}

    // Sources: each vendor's API reference (host) and its official SDK's package name on PyPI;
    // provider keys from Astrid's provider table (see ASTRID_PROVIDER_ENV).
    static final List<Service> SERVICES = List.of(
            new Service("OpenAI", List.of("openai"), List.of("api.openai.com", "openai.azure.com"), List.of("openai")),
            new Service("Anthropic", List.of("anthropic"), List.of("api.anthropic.com"), List.of("anthropic")),
            new Service("fal.ai", List.of("fal_client", "fal"), List.of("fal.run", "fal.ai", "fal.media"),
                    List.of("fal")),
            new Service("Replicate", List.of("replicate"), List.of("replicate.com", "replicate.delivery"),
                    List.of("replicate")),
            new Service("RunPod", List.of("runpod", "runpod_lifecycle"), List.of("runpod.io", "runpod.net", "runpod.ai"),
                    List.of("runpod")),
            new Service("ElevenLabs", List.of("elevenlabs"), List.of("elevenlabs.io"), List.of("elevenlabs")),
            new Service("Hugging Face Inference", List.of("huggingface_hub.InferenceClient",
                    "huggingface_hub.AsyncInferenceClient", "huggingface_hub.inference"),
                    List.of("api-inference.huggingface.co", "router.huggingface.co"), List.of("huggingface")),
            new Service("Stability AI", List.of("stability_sdk"), List.of("api.stability.ai"), List.of("stability")),
            new Service("Google Gemini", List.of("google.generativeai", "google.genai"),
                    List.of("generativelanguage.googleapis.com"), List.of("gemini")),
            new Service("DeepSeek", List.of(), List.of("api.deepseek.com"), List.of("deepseek")),
            new Service("Fireworks AI", List.of("fireworks"), List.of("api.fireworks.ai"), List.of("fireworks")),
            new Service("WaveSpeed", List.of(), List.of("api.wavespeed.ai"), List.of("wavespeed")),
            new Service("GIPHY", List.of(), List.of("api.giphy.com"), List.of("giphy")),
            new Service("Sketchfab", List.of(), List.of("sketchfab.com"), List.of("sketchfab")),
            new Service("Cohere", List.of("cohere"), List.of("api.cohere.ai", "api.cohere.com"), List.of("cohere")),
            new Service("Mistral AI", List.of("mistralai"), List.of("api.mistral.ai"), List.of("mistral")),
            new Service("Groq", List.of("groq"), List.of("api.groq.com"), List.of("groq")),
            new Service("Together AI", List.of("together"), List.of("api.together.xyz", "api.together.ai"),
                    List.of("together")),
            new Service("AssemblyAI", List.of("assemblyai"), List.of("api.assemblyai.com"), List.of("assemblyai")),
            new Service("Deepgram", List.of("deepgram"), List.of("api.deepgram.com"), List.of("deepgram")),
            new Service("Unsplash", List.of(), List.of("api.unsplash.com"), List.of("unsplash")),
            new Service("Pexels", List.of(), List.of("api.pexels.com"), List.of("pexels")),
            new Service("Luma AI", List.of("lumaai"), List.of("api.lumalabs.ai"), List.of("luma")),
            new Service("Runway", List.of("runwayml"), List.of("api.runwayml.com", "api.dev.runwayml.com"),
                    List.of("runway")),
            new Service("Amazon Web Services", List.of("boto3", "botocore"), List.of("amazonaws.com"), List.of("aws")));

    private static final Map<String, Service> BY_MODULE = new HashMap<>();

    static {
        for (Service s : SERVICES) {
            s.modules().forEach(m -> BY_MODULE.put(m, s));
        }
    }

    /** The service whose SDK a dotted name is in ({@code fal_client.subscribe} → fal.ai). */
    static Optional<Service> serviceOfModule(String name) {
        for (String n = name; ; n = n.substring(0, n.lastIndexOf('.'))) {
            Service s = BY_MODULE.get(n);
            if (s != null) {
                return Optional.of(s);
            }
            if (n.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    static Optional<Service> serviceOfHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (Service s : SERVICES) {
            for (String suffix : s.hosts()) {
                if (h.equals(suffix) || h.endsWith("." + suffix)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Service> serviceOfProvider(String provider) {
        String p = provider.toLowerCase(Locale.ROOT);
        return SERVICES.stream().filter(s -> s.providers().contains(p)).findFirst();
    }

    // ---- Astrid's own helpers ---------------------------------------------------------------

    /**
     * Astrid's provider → environment variable table, which {@code CredentialsScope} resolves
     * through. Source: peteromallet/Astrid@93a3bdb01573b2d1da78b58079b79cf91674715e
     * astrid/core/util/credentials_scope.py:59-70 ({@code _PROVIDER_ENV}).
     */
    static final Map<String, String> ASTRID_PROVIDER_ENV = Map.of("fal", "FAL_KEY", "wavespeed", "WAVESPEED_API_KEY",
            "openai", "OPENAI_API_KEY", "anthropic", "ANTHROPIC_API_KEY", "deepseek", "DEEPSEEK_API_KEY", "fireworks",
            "FIREWORKS_API_KEY", "gemini", "GEMINI_API_KEY", "giphy", "GIPHY_API_KEY", "huggingface", "HF_TOKEN",
            "runpod", "RUNPOD_API_KEY");

    /**
     * {@code CredentialsScope} methods: the first argument is a provider key, {@code env_var=}
     * overrides its variable. Source: credentials_scope.py (as above) :94-191.
     */
    static final Set<String> ASTRID_CREDENTIAL_LOOKUPS = Set.of(
            "astrid.core.util.credentials_scope.CredentialsScope.get_local",
            "astrid.core.util.credentials_scope.CredentialsScope.resolve_local",
            "astrid.core.util.credentials_scope.CredentialsScope.get");

    /**
     * Helpers whose first argument is the variable's name. Source: peteromallet/Astrid@3ba12ef4bf57a15a2a4c80280e36bd8c48ec8c74
     * astrid/core/util/secrets.py:62, 126 (the shared astrid.env file first, then {@code os.environ}).
     */
    static final Set<String> ASTRID_SECRET_READERS = Set.of("astrid.core.util.secrets.load_api_key",
            "astrid.core.util.secrets.load_local_api_key_with_source");

    /** An Astrid helper that calls a service on the caller's behalf. */
    record Helper(String host, String service) {}

    /**
     * Source: peteromallet/Astrid@21deed0595f9fe42334cb55b913840b1ce4a31cf astrid/core/util/http.py:
     * {@code fal_submit_and_poll} (:433, queue.fal.run from :23), {@code fal_storage_upload} (:338,
     * rest.alpha.fal.ai from :374, then a host the token call returns), {@code wavespeed_submit_and_poll}
     * (:481, api.wavespeed.ai from :478). {@code fal_upload} only builds a data URI: not listed.
     */
    static final Map<String, Helper> ASTRID_NETWORK_HELPERS = Map.of(
            "astrid.core.util.http.fal_submit_and_poll", new Helper("queue.fal.run", "fal.ai"),
            "astrid.core.util.http.fal_storage_upload", new Helper("rest.alpha.fal.ai", "fal.ai"),
            "astrid.core.util.http.wavespeed_submit_and_poll", new Helper("api.wavespeed.ai", "WaveSpeed"));

    // ---- variables the Astrid host provides ---------------------------------------------------

    /**
     * Variables the Astrid host itself puts in a task's environment: reading one discloses nothing
     * about the user, so it is not {@code environment} evidence.
     * <ul>
     * <li>{@code _ASTRID_PROPAGATED_ENV} of astrid/core/subprocess_env.py, copied from the host into
     * every child: peteromallet/Astrid@93a3bdb01573b2d1da78b58079b79cf91674715e,
     * peteromallet/Astrid-agent@366bcfa5670f17916ef86f89935f8426fee9f557 (adds ASTRID_SOURCE_STATE,
     * ASTRID_SOURCE_DATA), banodoco/ArtAgents@e33c60dc67a19b6e1688f9475ff7edc02e3fafdc (adds
     * ASTRID_THEMES_ROOT). Its RUNPOD_SSH_IDENTITY_* entries are left out: manifests declare them.</li>
     * <li>{@code _SAFE_BASE_ENV} of the same files: the ordinary process variables every child gets.</li>
     * <li>{@code GenericPackHost._child_environment} and {@code _run_command_definition} of
     * astrid/core/execution/generic_host.py, peteromallet/Astrid@db7d4e6b242963ebaef43c25dfd22daff756a3b6:
     * the network policy, broker and proxy variables, PYTHONPATH and ASTRID_INTERNAL_INVOCATION.</li>
     * </ul>
     * ASTRID_ACTOR is removed from a child's environment by the same code, so it is not here.
     */
    static final Set<String> HOST_PROVIDED_ENV = Set.of(
            // subprocess_env.py _ASTRID_PROPAGATED_ENV
            "ASTRID_HOME", "ASTRID_ENV_FILE", "ASTRID_TIMELINE_SCHEMA_PYTHONPATH", "ASTRID_VIBECOMFY_CHECKOUT",
            "ASTRID_SOURCE_STATE", "ASTRID_SOURCE_DATA", "ASTRID_PROJECTS_ROOT", "ASTRID_PROJECT_RUN",
            "ASTRID_PROJECT_SLUG", "ASTRID_AUTHOR_TEST", "ASTRID_INTERNAL_INVOCATION", "ASTRID_TASK_RUN_ID",
            "ASTRID_TASK_PROJECT", "ASTRID_TASK_STEP_ID", "ASTRID_TASK_ITEM_ID", "ASTRID_TASK_ITERATION",
            "ASTRID_THEMES_ROOT", "ASTRID_PACKS_PATH", "ASTRID_NODE_EXECUTABLE", "ASTRID_REMOTION_PROJECT_DIR",
            // generic_host.py _child_environment
            "ASTRID_NETWORK_POLICY", "ASTRID_NETWORK_EVIDENCE", "ASTRID_NETWORK_BROKER_TOKEN", "ASTRID_NETWORK_ADMISSION",
            "ASTRID_BROKER_PROXY", "ASTRID_NETWORK_BROKER_EVIDENCE", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
            "http_proxy", "https_proxy", "all_proxy", "NO_PROXY", "PYTHONPATH",
            // subprocess_env.py _SAFE_BASE_ENV
            "HOME", "LANG", "LC_ALL", "LC_CTYPE", "LOGNAME", "PATH", "PWD", "SHELL", "SYSTEMROOT", "TEMP", "TMP",
            "TMPDIR", "USER", "USERNAME", "VIRTUAL_ENV", "PYENV_VERSION");

    // ---- programs and strings -------------------------------------------------------------

    /** Programs whose job is the network: running one uses it, out of the Python code's sight. */
    static final Set<String> NETWORK_PROGRAMS = Set.of("curl", "wget", "ssh", "scp", "sftp", "yt-dlp", "youtube-dl",
            "aria2c", "gsutil", "aws", "gcloud", "az", "chromium", "chromium-browser", "chrome", "google-chrome",
            "chrome-headless-shell", "firefox");

    /** The interpreter running a pack's own module: not an outside program. */
    static boolean isPython(String program) {
        return program.equals("{python_exec}") || program.equals("{python}") || PYTHON.matcher(program).matches();
    }

    private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
    private static final Pattern GPU = Pattern.compile("cuda(:[0-9]+)?|mps|/?(device:)?gpu:[0-9]+");
    private static final Set<String> GPU_PROVIDERS = Set.of("CUDAExecutionProvider", "TensorrtExecutionProvider",
            "ROCMExecutionProvider", "CoreMLExecutionProvider", "DmlExecutionProvider", "OpenVINOExecutionProvider");

    /** Command-line flags only a Chromium-family browser takes: a pack passing them drives one. */
    static boolean isBrowserFlag(String literal) {
        return literal.startsWith("--") && (literal.equals("--remote-debugging-pipe") || literal.startsWith("--remote-debugging-port")
                || literal.equals("--headless") || literal.startsWith("--headless="));
    }

    /** Device names PyTorch, JAX and TensorFlow take for a GPU ({@code "cuda"}, {@code "cuda:0"}, {@code "mps"}). */
    static boolean isGpuDevice(String literal) {
        if (literal.isEmpty() || literal.length() > 16 || "cCmM/gGdD".indexOf(literal.charAt(0)) < 0) {
            return false; // most strings: no match without a regex
        }
        return GPU.matcher(literal.toLowerCase(Locale.ROOT)).matches();
    }

    /** ONNX Runtime execution providers that run on a GPU or NPU (onnxruntime.ai/docs/execution-providers). */
    static boolean isGpuProvider(String literal) {
        return literal.endsWith("ExecutionProvider") && GPU_PROVIDERS.contains(literal);
    }

    /** The program an argv's first word names: its file name, without a path. */
    static String program(String first) {
        String p = first.trim();
        int space = p.indexOf(' ');
        if (space > 0) {
            p = p.substring(0, space);
        }
        p = p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
        return p.toLowerCase(Locale.ROOT).endsWith(".exe") ? p.substring(0, p.length() - 4) : p;
    }
}
