package dev.astrid.ls.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The six permission ids Astrid accepts, with what each discloses, in this project's words. */
public enum PermissionId {
    PROJECT_FILES("project_files", "reads or writes files in the project directory",
            "Reads .blend scenes and writes rendered PNG frames into the project"),
    NETWORK("network", "opens outbound network connections (HTTP, TCP and the like)",
            "Calls api.openai.com to caption the selected images"),
    SUBPROCESS("subprocess", "starts child processes",
            "Runs ffmpeg to encode the rendered frames into MP4"),
    ENVIRONMENT("environment", "reads environment variables, secrets among them",
            "Reads OPENAI_API_KEY to authenticate with the OpenAI API"),
    ACCELERATOR("accelerator", "uses a GPU or other special hardware",
            "Runs Stable Diffusion inference on a local CUDA GPU"),
    EXTERNAL_SERVICES("external_services", "calls paid or third-party cloud services",
            "Sends audio to AssemblyAI for paid transcription");

    private final String id;
    private final String meaning;
    private final String exampleReason;

    PermissionId(String id, String meaning, String exampleReason) {
        this.id = id;
        this.meaning = meaning;
        this.exampleReason = exampleReason;
    }

    public String id() {
        return id;
    }

    /** What declaring the id says, as the end of "The pack ...". */
    public String meaning() {
        return meaning;
    }

    public String exampleReason() {
        return exampleReason;
    }

    public static Optional<PermissionId> of(String id) {
        for (PermissionId p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PermissionId::id).toList();
    }

    /** Words people write for a permission that are not its id. */
    private static final Map<String, PermissionId> SYNONYMS = Map.ofEntries(
            Map.entry("files", PROJECT_FILES), Map.entry("file", PROJECT_FILES),
            Map.entry("filesystem", PROJECT_FILES), Map.entry("file_system", PROJECT_FILES),
            Map.entry("fs", PROJECT_FILES), Map.entry("disk", PROJECT_FILES),
            Map.entry("project", PROJECT_FILES), Map.entry("storage", PROJECT_FILES),
            Map.entry("read_files", PROJECT_FILES), Map.entry("write_files", PROJECT_FILES),
            Map.entry("net", NETWORK), Map.entry("internet", NETWORK), Map.entry("http", NETWORK),
            Map.entry("https", NETWORK), Map.entry("web", NETWORK), Map.entry("networking", NETWORK),
            Map.entry("network_access", NETWORK), Map.entry("online", NETWORK),
            Map.entry("process", SUBPROCESS), Map.entry("processes", SUBPROCESS),
            Map.entry("shell", SUBPROCESS), Map.entry("exec", SUBPROCESS), Map.entry("spawn", SUBPROCESS),
            Map.entry("command", SUBPROCESS), Map.entry("commands", SUBPROCESS),
            Map.entry("child_process", SUBPROCESS), Map.entry("subprocesses", SUBPROCESS),
            Map.entry("env", ENVIRONMENT), Map.entry("envs", ENVIRONMENT), Map.entry("env_vars", ENVIRONMENT),
            Map.entry("envvars", ENVIRONMENT), Map.entry("environment_variables", ENVIRONMENT),
            Map.entry("variables", ENVIRONMENT), Map.entry("secrets", ENVIRONMENT),
            Map.entry("secret", ENVIRONMENT), Map.entry("credentials", ENVIRONMENT),
            Map.entry("gpu", ACCELERATOR), Map.entry("gpus", ACCELERATOR), Map.entry("cuda", ACCELERATOR),
            Map.entry("hardware", ACCELERATOR), Map.entry("accelerators", ACCELERATOR),
            Map.entry("tpu", ACCELERATOR), Map.entry("npu", ACCELERATOR), Map.entry("metal", ACCELERATOR),
            Map.entry("external", EXTERNAL_SERVICES), Map.entry("services", EXTERNAL_SERVICES),
            Map.entry("external_service", EXTERNAL_SERVICES), Map.entry("cloud", EXTERNAL_SERVICES),
            Map.entry("api", EXTERNAL_SERVICES), Map.entry("apis", EXTERNAL_SERVICES),
            Map.entry("third_party", EXTERNAL_SERVICES), Map.entry("saas", EXTERNAL_SERVICES));

    /**
     * Plausible ids for a wrong one, best first: a case or separator slip, a known synonym, then
     * ids within a small edit distance. Empty when nothing is plausible.
     */
    public static List<String> suggestionsFor(String wrong) {
        if (wrong.length() > 64) {
            return List.of();
        }
        String norm = wrong.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        List<String> out = new ArrayList<>();
        of(norm).ifPresent(p -> out.add(p.id));
        PermissionId synonym = SYNONYMS.get(norm);
        if (synonym != null && !out.contains(synonym.id)) {
            out.add(synonym.id);
        }
        String compact = norm.replace("_", "");
        for (PermissionId p : values()) {
            if (p.id.replace("_", "").equals(compact) && !out.contains(p.id)) {
                out.add(p.id);
            }
        }
        ids().stream()
                .filter(id -> !out.contains(id))
                .filter(id -> Strings.editDistance(norm, id) <= Math.max(2, id.length() / 3)
                        || (norm.length() >= 4 && id.startsWith(norm)))
                .sorted(Comparator.comparingInt(id -> Strings.editDistance(norm, id)))
                .forEach(out::add);
        return out;
    }
}
