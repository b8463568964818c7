package dev.astrid.ls.rules;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static dev.astrid.ls.ManifestAssert.applyFix;
import static dev.astrid.ls.ManifestAssert.fixAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Code;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every quick fix, as the text before and after, in block YAML, flow YAML and JSON text; each case
 * runs again with CRLF line endings, which every inserted line must keep. JSON results are parsed
 * by Jackson (applyFix), so a fix can never leave a trailing or missing comma behind.
 */
class QuickFixTest {
    static final String V2 = "schema_version: 2\nid: demo\nname: Demo\nversion: 1.0.0\ncapabilities: [render]\n";
    static final String J = "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"Demo\", \"version\": \"1.0.0\",\n";
    static final String EXEC = "schema_version: 1\nid: demo.fetch\nname: Fetch\nversion: 1.0.0\nkind: external\n";
    /** Pack code the disclosure fixes draft from: a download, a token read, a program, an SDK, a GPU, a host. */
    static final String MESH_CODE = "import urllib.request\n\ndef download_mesh(uid):\n"
            + "    return urllib.request.urlopen(\"https://api.meshcat.io/v2/meshes/\" + uid)\n";
    static final String TOKEN_CODE = "import os\ntoken = os.environ.get(\"MESHCAT_TOKEN\", \"\")\n";
    static final String FFMPEG_CODE = "import subprocess\nsubprocess.run([\"ffmpeg\", \"-i\", src, out], check=True)\n";
    static final String REPLICATE_CODE = "import replicate\nout = replicate.run(\"nightmareai/real-esrgan\", input={})\n";
    static final String CUDA_CODE = "import torch\nmodel = load().to(\"cuda\")\n";
    static final String MISTRAL_CODE = "import urllib.request\n\ndef models():\n"
            + "    return urllib.request.urlopen(\"https://api.mistral.ai/v1/models\")\n";

    /** A fix applied to the first file; {@code files} holds each file's text before and after. */
    record Case(String name, Code code, String title, Map<String, String[]> files) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case fix(String name, Code code, String title, String... fileBeforeAfter) {
        Map<String, String[]> files = new LinkedHashMap<>();
        for (int i = 0; i < fileBeforeAfter.length; i += 3) {
            files.put(fileBeforeAfter[i], new String[] {fileBeforeAfter[i + 1], fileBeforeAfter[i + 2]});
        }
        return new Case(name, code, title, files);
    }

    static Stream<Case> cases() {
        String perms = PACK_HEAD + "permissions:\n";
        return Stream.of(
                fix("unknown id", PermissionShapeRule.UNKNOWN_ID, "Change to 'network'",
                        "demo/pack.yaml", perms + "  - id: Network  # typo\n    reason: Calls api.x.com\n",
                        perms + "  - id: network  # typo\n    reason: Calls api.x.com\n"),
                fix("unknown id, JSON", PermissionShapeRule.UNKNOWN_ID, "Change to 'network'",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"Network\", \"reason\": \"Calls api.x.com\"}]}\n",
                        J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls api.x.com\"}]}\n"),
                fix("missing reason", PermissionShapeRule.MISSING_REASON, "Add a reason for 'subprocess'",
                        "demo/pack.yaml", perms + "  - id: subprocess  # ffmpeg\n  - id: network\n    reason: Calls x.com\n",
                        perms + "  - id: subprocess  # ffmpeg\n    reason: \"\"\n  - id: network\n    reason: Calls x.com\n"),
                fix("missing reason, flow YAML", PermissionShapeRule.MISSING_REASON, "Add a reason for 'network'",
                        "demo/pack.yaml", perms + "  - {id: network}\n", perms + "  - {id: network, reason: \"\"}\n"),
                fix("missing reason, JSON", PermissionShapeRule.MISSING_REASON, "Add a reason for 'network'",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\"}]}", J
                                + " \"permissions\": [{\"id\": \"network\", \"reason\": \"\"}]}"),
                fix("unknown field", PermissionShapeRule.UNKNOWN_FIELD, "Rename 'service' to 'services'",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls x.com\n    service: [x.com]\n",
                        perms + "  - id: network\n    reason: Calls x.com\n    services: [x.com]\n"),
                fix("unknown field, JSON", PermissionShapeRule.UNKNOWN_FIELD, "Rename 'service' to 'services'",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls x.com\", "
                                + "\"service\": [\"x.com\"]}]}", J + " \"permissions\": [{\"id\": \"network\", \"reason\": "
                                + "\"Calls x.com\", \"services\": [\"x.com\"]}]}"),
                fix("access as a flow list", PermissionShapeRule.INVALID_ACCESS, "Write access as one string: 'read and write'",
                        "demo/pack.yaml", perms + "  - id: project_files\n    reason: Writes PNG frames\n    access: [read, write]\n",
                        perms + "  - id: project_files\n    reason: Writes PNG frames\n    access: read and write\n"),
                fix("access as a block list", PermissionShapeRule.INVALID_ACCESS,
                        "Write access as one string: 'read, write and delete'",
                        "demo/pack.yaml", perms + "  - id: project_files\n    access:\n      - read\n      - write\n"
                                + "      - delete\n    reason: Writes PNG frames\n",
                        perms + "  - id: project_files\n    access: read, write and delete\n    reason: Writes PNG frames\n"),
                fix("access as a list, JSON", PermissionShapeRule.INVALID_ACCESS, "Write access as one string: 'read and write'",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"project_files\", \"reason\": \"Writes PNGs\", "
                                + "\"access\": [\"read\", \"write\"]}]}", J + " \"permissions\": [{\"id\": \"project_files\", "
                                + "\"reason\": \"Writes PNGs\", \"access\": \"read and write\"}]}"),
                fix("services as one string", PermissionShapeRule.INVALID_SERVICES, "Make it a list: [renders.local]",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls renders.local\n    services: renders.local\n",
                        perms + "  - id: network\n    reason: Calls renders.local\n    services: [renders.local]\n"),
                fix("services as one quoted string", PermissionShapeRule.INVALID_SERVICES, "Make it a list: ['renders.local']",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls renders.local\n    services: 'renders.local'\n",
                        perms + "  - id: network\n    reason: Calls renders.local\n    services: ['renders.local']\n"),
                fix("services as one string, JSON", PermissionShapeRule.INVALID_SERVICES, "Make it a list: [\"renders.local\"]",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls renders.local\", "
                                + "\"services\": \"renders.local\"}]}", J + " \"permissions\": [{\"id\": \"network\", \"reason\": "
                                + "\"Calls renders.local\", \"services\": [\"renders.local\"]}]}"),
                fix("a repeated service (v2)", PermissionShapeRule.INVALID_SERVICES, "Remove the repeated 'a.com'",
                        "demo/pack.yaml", V2 + "permissions:\n  - id: network\n    reason: Calls a.com\n    services: [a.com, a.com]\n",
                        V2 + "permissions:\n  - id: network\n    reason: Calls a.com\n    services: [a.com]\n"),
                fix("a duplicate id merged", DuplicatePermissionRule.DUPLICATE_ID, "Merge this 'network' into its first declaration",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls a.com\n    services:\n      - a.com\n"
                                + "  - id: network  # weights\n    reason: Downloads weights from b.com\n    access: read\n"
                                + "    services: [a.com, b.com]\n",
                        perms + "  # weights\n  - id: network\n    reason: Calls a.com; Downloads weights from b.com\n"
                                + "    services:\n      - a.com\n      - b.com\n    access: read\n"),
                fix("a duplicate id merged, JSON", DuplicatePermissionRule.DUPLICATE_ID,
                        "Merge this 'network' into its first declaration",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"A\"}, {\"id\": \"network\", "
                                + "\"reason\": \"B\", \"services\": [\"x.com\"]}]}",
                        J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"A; B\", \"services\": [\"x.com\"]}]}"),
                fix("a number where text belongs", SchemaRule.WRONG_TYPE, "Quote it: \"1.0\"",
                        "demo/pack.yaml", PACK_HEAD.replace("1.0.0", "1.0"), PACK_HEAD.replace("1.0.0", "\"1.0\"")),
                fix("a number where text belongs, JSON", SchemaRule.WRONG_TYPE, "Quote it: \"1.0\"",
                        "demo/pack.json", J.replace("\"1.0.0\"", "1.0") + " \"keywords\": []}",
                        J.replace("\"1.0.0\"", "\"1.0\"") + " \"keywords\": []}"),
                fix("an unknown key", SchemaRule.UNKNOWN_KEY, "Rename 'descripton' to 'description'",
                        "demo/pack.yaml", PACK_HEAD + "descripton: Renders\n", PACK_HEAD + "description: Renders\n"),
                fix("an unknown key, JSON", SchemaRule.UNKNOWN_KEY, "Rename 'descripton' to 'description'",
                        "demo/pack.json", J + " \"descripton\": \"Renders\"}", J + " \"description\": \"Renders\"}"),
                fix("an enum value", SchemaRule.INVALID_VALUE, "Change to 'experimental'",
                        "demo/pack.yaml", V2 + "status: experimantal\n", V2 + "status: experimental\n"),
                fix("schema_version added", SchemaVersionRule.VERSION_MISSING, "Add schema_version: 1",
                        "demo/pack.yaml", "# my pack\nid: demo\nname: Demo\nversion: 1.0.0\n",
                        "# my pack\nschema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\n"),
                fix("schema_version added, JSON", SchemaVersionRule.VERSION_MISSING, "Add schema_version: 1",
                        "demo/pack.json", "{\"id\": \"demo\", \"name\": \"Demo\", \"version\": \"1.0.0\"}",
                        "{\"schema_version\": 1, \"id\": \"demo\", \"name\": \"Demo\", \"version\": \"1.0.0\"}"),
                fix("kind added", ComponentRule.KIND_MISSING, "Add kind: external",
                        "demo/executors/fetch/executor.yaml", EXEC.replace("kind: external\n", ""), EXEC.replace(
                                "kind: external\n", "").replace("id: demo.fetch\n", "id: demo.fetch\nkind: external\n")),
                fix("kind added, JSON", ComponentRule.KIND_MISSING, "Add kind: built_in",
                        "demo/executors/fetch/executor.json", "{\"schema_version\": 1, \"id\": \"demo.fetch\", \"name\": \"F\", "
                                + "\"version\": \"1.0.0\"}", "{\"schema_version\": 1, \"id\": \"demo.fetch\", \"kind\": "
                                + "\"built_in\", \"name\": \"F\", \"version\": \"1.0.0\"}"),
                fix("a component id qualified", ComponentRule.ID_OUTSIDE_PACK, "Change to 'demo.fetch'",
                        "demo/executors/fetch/executor.yaml", EXEC.replace("demo.fetch", "fetch"), EXEC,
                        "demo/pack.yaml", PACK_HEAD, PACK_HEAD),
                fix("a pack id to its folder", PackIdRule.FOLDER_MISMATCH, "Change the id to 'demo'",
                        "demo/pack.yaml", PACK_HEAD.replace("id: demo", "id: dmeo"), PACK_HEAD),
                fix("an upper-case secret name (v2)", SecretsRule.INVALID_NAME, "Change to 'OPENAI_KEY'",
                        "demo/pack.yaml", V2 + "secrets:\n  - name: openai-key\n    required: true\n",
                        V2 + "secrets:\n  - name: OPENAI_KEY\n    required: true\n"),
                fix("environment added for a component's secret", SecretsRule.WITHOUT_ENVIRONMENT,
                        "Add the environment permission to the pack",
                        "demo/executors/fetch/executor.yaml", EXEC + "isolation:\n  secrets_required: [FAL_KEY]\n",
                        EXEC + "isolation:\n  secrets_required: [FAL_KEY]\n",
                        "demo/pack.yaml", PACK_HEAD + "permissions: []  # none yet\n", PACK_HEAD
                                + "permissions:\n  - id: environment\n    reason: Reads FAL_KEY from the environment  # none yet\n"),
                fix("environment added, JSON pack", SecretsRule.WITHOUT_ENVIRONMENT, "Add the environment permission to the pack",
                        "demo/executors/fetch/executor.yaml", EXEC + "isolation:\n  secrets_required: [FAL_KEY]\n",
                        EXEC + "isolation:\n  secrets_required: [FAL_KEY]\n",
                        "demo/pack.json", J + " \"permissions\": []}", J + " \"permissions\": [{\"id\": \"environment\", "
                                + "\"reason\": \"Reads FAL_KEY from the environment\"}]}"),
                fix("a secret named in a reason declared", SecretsRule.UNDECLARED, "Declare FAL_KEY in the pack's secrets",
                        "demo/pack.yaml", perms + "  - id: environment\n    reason: Reads FAL_KEY for fal.ai\n",
                        perms + "  - id: environment\n    reason: Reads FAL_KEY for fal.ai\nsecrets:\n  - name: FAL_KEY\n"
                                + "    required: true\n"),
                fix("a secret declared, JSON", SecretsRule.UNDECLARED, "Declare FAL_KEY in the pack's secrets",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"environment\", \"reason\": \"Reads FAL_KEY\"}]}",
                        J + " \"permissions\": [{\"id\": \"environment\", \"reason\": \"Reads FAL_KEY\"}], \"secrets\": "
                                + "[{\"name\": \"FAL_KEY\", \"required\": true}]}"),
                fix("network added for a component", NetworkRule.UNDECLARED, "Add the network permission to the pack",
                        "demo/pack.yaml", perms + "  - id: subprocess\n    reason: Runs ffmpeg\n",
                        perms + "  - id: subprocess\n    reason: Runs ffmpeg\n  - id: network\n    reason: \"\"\n",
                        "demo/executors/fetch/executor.yaml", EXEC + "isolation:\n  network: true\n",
                        EXEC + "isolation:\n  network: true\n"),
                fix("network added, reason drafted from the code", NetworkRule.UNDECLARED,
                        "Add the network permission to the pack: \u201cCalls api.meshcat.io to download meshes\u201d",
                        "demo/pack.yaml", perms + "  - id: subprocess  # ffmpeg\n    reason: Runs ffmpeg\n",
                        perms + "  - id: subprocess  # ffmpeg\n    reason: Runs ffmpeg\n  - id: network\n"
                                + "    reason: Calls api.meshcat.io to download meshes\n    services: [api.meshcat.io]\n",
                        "demo/fetch.py", MESH_CODE, MESH_CODE),
                fix("network added, flow YAML", NetworkRule.UNDECLARED,
                        "Add the network permission to the pack: \u201cCalls api.meshcat.io to download meshes\u201d",
                        "demo/pack.yaml", PACK_HEAD + "permissions: [{id: subprocess, reason: Runs ffmpeg}]\n",
                        PACK_HEAD + "permissions: [{id: subprocess, reason: Runs ffmpeg}, {id: network, reason: Calls "
                                + "api.meshcat.io to download meshes, services: [api.meshcat.io]}]\n",
                        "demo/fetch.py", MESH_CODE, MESH_CODE),
                fix("network added, JSON", NetworkRule.UNDECLARED,
                        "Add the network permission to the pack: \u201cCalls api.meshcat.io to download meshes\u201d",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"subprocess\", \"reason\": \"Runs ffmpeg\"}]}",
                        J + " \"permissions\": [{\"id\": \"subprocess\", \"reason\": \"Runs ffmpeg\"}, {\"id\": \"network\", "
                                + "\"reason\": \"Calls api.meshcat.io to download meshes\", \"services\": [\"api.meshcat.io\"]}]}",
                        "demo/fetch.py", MESH_CODE, MESH_CODE),
                fix("network added to a pack without permissions", NetworkRule.UNDECLARED,
                        "Add the network permission to the pack: \u201cCalls api.meshcat.io to download meshes\u201d",
                        "demo/pack.yaml", PACK_HEAD + "# no permissions yet\n", PACK_HEAD + "# no permissions yet\n"
                                + "permissions:\n  - id: network\n    reason: Calls api.meshcat.io to download meshes\n"
                                + "    services: [api.meshcat.io]\n",
                        "demo/fetch.py", MESH_CODE, MESH_CODE),
                fix("environment added from a read in code", EnvironmentRule.UNDECLARED,
                        "Add the environment permission to the pack: \u201cReads MESHCAT_TOKEN\u201d",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: 'Calls api.meshcat.io'  # search\n",
                        perms + "  - id: network\n    reason: 'Calls api.meshcat.io'  # search\n  - id: environment\n"
                                + "    reason: Reads MESHCAT_TOKEN\n",
                        "demo/fetch.py", TOKEN_CODE, TOKEN_CODE),
                fix("environment added, JSON", EnvironmentRule.UNDECLARED,
                        "Add the environment permission to the pack: \u201cReads MESHCAT_TOKEN\u201d",
                        "demo/pack.json", J + " \"permissions\": []}", J + " \"permissions\": [{\"id\": \"environment\", "
                                + "\"reason\": \"Reads MESHCAT_TOKEN\"}]}",
                        "demo/fetch.py", TOKEN_CODE, TOKEN_CODE),
                fix("subprocess added from a call in code, flow YAML", SubprocessRule.UNDECLARED,
                        "Add the subprocess permission to the pack: \u201cRuns ffmpeg\u201d",
                        "demo/pack.yaml", PACK_HEAD + "permissions: [{id: project_files, reason: Writes the MP4}]\n",
                        PACK_HEAD + "permissions: [{id: project_files, reason: Writes the MP4}, {id: subprocess, reason: "
                                + "Runs ffmpeg}]\n",
                        "demo/encode.py", FFMPEG_CODE, FFMPEG_CODE),
                fix("external_services added from an SDK call", ExternalServicesRule.UNDECLARED,
                        "Add the external_services permission to the pack: \u201cSends requests to Replicate\u201d",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Uploads textures to Replicate\n",
                        perms + "  - id: network\n    reason: Uploads textures to Replicate\n  - id: external_services\n"
                                + "    reason: Sends requests to Replicate\n    services: [Replicate]\n",
                        "demo/upscale.py", REPLICATE_CODE, REPLICATE_CODE),
                fix("external_services added, JSON", ExternalServicesRule.UNDECLARED,
                        "Add the external_services permission to the pack: \u201cSends requests to Replicate\u201d",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Uploads to Replicate\"}]}",
                        J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Uploads to Replicate\"}, {\"id\": "
                                + "\"external_services\", \"reason\": \"Sends requests to Replicate\", \"services\": "
                                + "[\"Replicate\"]}]}",
                        "demo/upscale.py", REPLICATE_CODE, REPLICATE_CODE),
                fix("accelerator added from a device in code", AcceleratorRule.UNDECLARED,
                        "Add the accelerator permission to the pack: \u201cRuns work on a CUDA GPU\u201d",
                        "demo/pack.yaml", perms + "  - id: project_files\n    reason: Reads page images\n",
                        perms + "  - id: project_files\n    reason: Reads page images\n  - id: accelerator\n"
                                + "    reason: Runs work on a CUDA GPU\n",
                        "demo/classify.py", CUDA_CODE, CUDA_CODE),
                fix("a secret read in code declared", SecretsRule.UNDECLARED, "Declare MESHCAT_TOKEN in the pack's secrets",
                        "demo/pack.yaml", perms + "  - id: environment\n    reason: Reads the MeshCat token\nsecrets:\n"
                                + "  - name: OTHER_KEY  # kept\n    required: false\n    description: Optional mirror\n",
                        perms + "  - id: environment\n    reason: Reads the MeshCat token\nsecrets:\n"
                                + "  - name: OTHER_KEY  # kept\n    required: false\n    description: Optional mirror\n"
                                + "  - name: MESHCAT_TOKEN\n    required: true\n",
                        "demo/fetch.py", TOKEN_CODE, TOKEN_CODE),
                fix("a secret read in code declared, flow YAML", SecretsRule.UNDECLARED,
                        "Declare MESHCAT_TOKEN in the pack's secrets",
                        "demo/pack.yaml", perms + "  - {id: environment, reason: Reads the MeshCat token}\nsecrets: []\n",
                        perms + "  - {id: environment, reason: Reads the MeshCat token}\nsecrets:\n  - name: MESHCAT_TOKEN\n"
                                + "    required: true\n",
                        "demo/fetch.py", TOKEN_CODE, TOKEN_CODE),
                fix("a secret read in code declared, JSON", SecretsRule.UNDECLARED, "Declare MESHCAT_TOKEN in the pack's secrets",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"environment\", \"reason\": \"Reads a token\"}]}",
                        J + " \"permissions\": [{\"id\": \"environment\", \"reason\": \"Reads a token\"}], \"secrets\": "
                                + "[{\"name\": \"MESHCAT_TOKEN\", \"required\": true}]}",
                        "demo/fetch.py", TOKEN_CODE, TOKEN_CODE),
                fix("a host added to a block services list", ServicesHostRule.MISSING_HOST,
                        "Add api.mistral.ai to the network permission's services",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls Mistral for model lists\n    services:\n"
                                + "      - api.openai.com  # chat\n",
                        perms + "  - id: network\n    reason: Calls Mistral for model lists\n    services:\n"
                                + "      - api.openai.com  # chat\n      - api.mistral.ai\n",
                        "demo/models.py", MISTRAL_CODE, MISTRAL_CODE),
                fix("a host added to a flow services list", ServicesHostRule.MISSING_HOST,
                        "Add api.mistral.ai to the network permission's services",
                        "demo/pack.yaml", perms + "  - {id: network, reason: Calls Mistral, services: ['api.openai.com']}\n",
                        perms + "  - {id: network, reason: Calls Mistral, services: ['api.openai.com', api.mistral.ai]}\n",
                        "demo/models.py", MISTRAL_CODE, MISTRAL_CODE),
                fix("services created for a host", ServicesHostRule.MISSING_HOST,
                        "Add api.mistral.ai to the network permission's services",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: Calls Mistral for model lists\n"
                                + "  - id: project_files\n    reason: Writes the list\n",
                        perms + "  - id: network\n    reason: Calls Mistral for model lists\n    services: [api.mistral.ai]\n"
                                + "  - id: project_files\n    reason: Writes the list\n",
                        "demo/models.py", MISTRAL_CODE, MISTRAL_CODE),
                fix("a host added to services, JSON", ServicesHostRule.MISSING_HOST,
                        "Add api.mistral.ai to the network permission's services",
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls Mistral\"}]}",
                        J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls Mistral\", \"services\": "
                                + "[\"api.mistral.ai\"]}]}",
                        "demo/models.py", MISTRAL_CODE, MISTRAL_CODE),
                fix("permissions moved, merged, comments kept", ComponentPermissionsRule.IN_COMPONENT,
                        "Move these permissions to pack.yaml, merging 'subprocess' into the existing declaration",
                        "demo/executors/fetch/executor.yaml", EXEC + "permissions:  # from the old layout\n"
                                + "  # forecasts come from Open-Meteo\n  - id: network\n    reason: 'Calls api.open-meteo.com'\n"
                                + "  - id: subprocess  # curl\n    reason: Runs curl\n    services: [curl.se]\nruntime: {}\n",
                        EXEC + "runtime: {}\n",
                        "demo/pack.yaml", perms + "  - id: subprocess\n    reason: Runs ffmpeg\n",
                        perms + "  # curl\n  - id: subprocess\n    reason: Runs ffmpeg; Runs curl\n    services: [curl.se]\n"
                                + "  # from the old layout\n  # forecasts come from Open-Meteo\n  - id: network\n"
                                + "    reason: 'Calls api.open-meteo.com'\n"),
                fix("permissions moved from JSON text into YAML", ComponentPermissionsRule.IN_COMPONENT,
                        "Move these permissions to pack.yaml",
                        "demo/executors/fetch/executor.json", "{\"schema_version\": 1, \"id\": \"demo.fetch\", \"kind\": "
                                + "\"external\", \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls x.com\"}], "
                                + "\"name\": \"F\", \"version\": \"1.0.0\"}",
                        "{\"schema_version\": 1, \"id\": \"demo.fetch\", \"kind\": \"external\", \"name\": \"F\", "
                                + "\"version\": \"1.0.0\"}",
                        "demo/pack.yaml", PACK_HEAD, PACK_HEAD + "permissions:\n  - {\"id\": \"network\", \"reason\": "
                                + "\"Calls x.com\"}\n"),
                fix("permissions moved from YAML into JSON text", ComponentPermissionsRule.IN_COMPONENT,
                        "Move these permissions to pack.json, merging 'network' into the existing declaration",
                        "demo/executors/fetch/executor.yaml", EXEC + "permissions:\n  - id: network\n    reason: Calls x.com\n"
                                + "  - id: subprocess\n    reason: Runs curl\n    services: [curl.se]\n",
                        EXEC,
                        "demo/pack.json", J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls y.com\"}]}",
                        J + " \"permissions\": [{\"id\": \"network\", \"reason\": \"Calls y.com; Calls x.com\"}, "
                                + "{\"id\": \"subprocess\", \"reason\": \"Runs curl\", \"services\": [\"curl.se\"]}]}"),
                fix("a line suppressed", VagueReasonRule.VAGUE_REASON, "Suppress permission-vague-reason on this line",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: network access\n",
                        perms + "  - id: network\n    # astrid-ls: disable-next-line permission-vague-reason\n"
                                + "    reason: network access\n"),
                fix("a file suppressed", VagueReasonRule.VAGUE_REASON, "Suppress permission-vague-reason in this file",
                        "demo/pack.yaml", perms + "  - id: network\n    reason: network access\n",
                        "# astrid-ls: disable-file permission-vague-reason\n" + perms + "  - id: network\n"
                                + "    reason: network access\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFixGivesExactlyThisText(Case c) {
        assertFix(c, "\n");
    }

    @ParameterizedTest(name = "{0}, CRLF")
    @MethodSource("cases")
    void eachFixKeepsCrlfLineEndings(Case c) {
        assertFix(c, "\r\n");
    }

    private static void assertFix(Case c, String newline) {
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> expected = new TreeMap<>();
        c.files().forEach((name, texts) -> {
            before.put(name, texts[0].replace("\n", newline));
            expected.put(name, texts[1].replace("\n", newline));
        });
        String first = c.files().keySet().iterator().next();
        assertEquals(expected, applyFix(before, first, c.code(), c.title()));
    }

    /** source.fixAll applies a fix when it undoes a plain slip with one suggestion; a judgement call stays. */
    @ParameterizedTest
    @ValueSource(strings = {"external-services:external_services", "netwrok:network", "Accelerator:accelerator"})
    void fixAllTakesTheOneSuggestionForASlip(String wrongAndRight) {
        String[] w = wrongAndRight.split(":");
        String text = PACK_HEAD + "descripton: Renders\npermissions:\n  - id: " + w[0] + "\n    reason: Runs x on y.com\n";
        assertEquals(PACK_HEAD + "description: Renders\npermissions:\n  - id: " + w[1] + "\n    reason: Runs x on y.com\n",
                fixAll("demo/pack.yaml", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "external", "files"})
    void fixAllLeavesASynonymOrAnAmbiguousIdAlone(String id) {
        String text = PACK_HEAD + "permissions:\n  - id: " + id + "\n    reason: Runs x on y.com\n";
        assertEquals(text, fixAll("demo/pack.yaml", text));
    }
}
