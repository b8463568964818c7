package dev.astrid.ls.editors;

import static dev.astrid.ls.dist.LauncherIT.frame;
import static dev.astrid.ls.dist.LauncherIT.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.core.Setting;
import dev.astrid.ls.core.Settings;
import dev.astrid.ls.service.InlayHintService;
import dev.astrid.ls.service.LanguageService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/editors/intellij is an LSP4IJ user-defined server template, in the shape LSP4IJ exports and
 * imports. Its command, with the install folder its README names, starts the server of the
 * distribution built by {@code mvn package}; the settings it sends are ones the server reads; it
 * maps exactly the manifest file names.
 */
class IntelliJTemplateIT {
    static final Path TEMPLATE = Path.of("../docs/editors/intellij");
    static final Path DIST = Path.of(System.getProperty("astrid.dist", "target/astrid-pack-ls")).toAbsolutePath();

    static JsonObject read(String file) throws IOException {
        return JsonParser.parseString(Files.readString(TEMPLATE.resolve(file))).getAsJsonObject();
    }

    @Test
    void templateMapsTheTwelveManifestNamesAndNothingElse() throws IOException {
        JsonObject template = read("template.json");
        assertFalse(template.get("name").getAsString().isBlank());
        Set<String> expected = new HashSet<>();
        for (ManifestKind kind : ManifestKind.values()) {
            for (String ext : new String[] {"yaml", "yml", "json"}) {
                expected.add(kind.baseName() + "." + ext);
            }
        }
        Set<String> mapped = new HashSet<>();
        for (JsonElement e : template.getAsJsonArray("fileTypeMappings")) {
            JsonObject fileType = e.getAsJsonObject().getAsJsonObject("fileType");
            // A file type name would map every file of that type (all YAML), not just manifests.
            assertNull(fileType.get("name"), "map by file name patterns only: " + fileType);
            String languageId = e.getAsJsonObject().get("languageId").getAsString();
            for (JsonElement p : fileType.getAsJsonArray("patterns")) {
                String pattern = p.getAsString();
                assertTrue(mapped.add(pattern), "duplicate pattern " + pattern);
                assertEquals(pattern.endsWith(".json") ? "json" : "yaml", languageId, pattern);
            }
        }
        assertEquals(expected, mapped);
        assertNull(template.get("languageMappings"), "no language mappings");
    }

    @Test
    void theCommandNamesTheLaunchersOfTheDistribution() throws IOException {
        JsonObject args = read("template.json").getAsJsonObject("programArgs");
        String prefix = "$USER_HOME$/.local/share/astrid-pack-ls/";
        String unix = args.get("default").getAsString();
        assertTrue(unix.startsWith(prefix) && unix.endsWith(" --stdio"), unix);
        assertTrue(Files.isExecutable(DIST.resolve(unix.substring(prefix.length(), unix.length() - " --stdio".length()))), unix);
        String windows = args.get("windows").getAsString();
        String winPrefix = prefix.replace('/', '\\');
        assertTrue(windows.startsWith(winPrefix) && windows.endsWith(" --stdio"), windows);
        assertTrue(Files.isRegularFile(DIST.resolve(windows.substring(winPrefix.length(), windows.length() - " --stdio".length())
                .replace('\\', '/'))), windows);
        assertTrue(Files.readString(TEMPLATE.resolve("README.md")).contains("$USER_HOME$/.local/share/astrid-pack-ls/bin/astrid-pack-ls"));
    }

    /** Every setting of the template is one the server reads: changing any of them changes what it applies. */
    @Test
    void everySettingOfTheTemplateIsReadByTheServer() throws IOException {
        JsonObject astrid = read("settings.json").getAsJsonObject("astrid");
        Settings applied = Settings.from(plain(astrid));
        List<String> leaves = new ArrayList<>();
        leaves(astrid, "", leaves);
        assertFalse(leaves.isEmpty());
        for (String leaf : leaves) {
            JsonObject changed = astrid.deepCopy();
            String[] path = leaf.split("\\.");
            JsonObject parent = changed;
            for (String key : Arrays.copyOf(path, path.length - 1)) {
                parent = parent.getAsJsonObject(key);
            }
            String key = path[path.length - 1];
            JsonElement value = parent.get(key);
            if (value.isJsonObject() && value.getAsJsonObject().size() == 0) {
                // an empty map, such as severity: {}
                value.getAsJsonObject().addProperty("permission-vague-reason", "error");
            } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
                parent.addProperty(key, !value.getAsBoolean());
            } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                parent.addProperty(key, value.getAsInt() + 1);
            } else {
                parent.add(key, new JsonArray());
            }
            Setting<?> setting = LanguageService.SETTINGS.stream().filter(s -> s.key().equals(leaf)).findFirst()
                    .orElseThrow(() -> new AssertionError("astrid." + leaf + " is no setting the server declares"));
            assertNotEquals(applied.get(setting), Settings.from(plain(changed)).get(setting),
                    "the server ignores astrid." + leaf);
        }
        assertTrue(applied.get(InlayHintService.ENABLED), "the template turns inlay hints on, as intellij.md says");
        assertEquals(0, read("initializationOptions.json").size(), "settings come from the Configuration tab");
    }

    /** The command as LSP4IJ runs it, with $USER_HOME$ holding the distribution where the README says. */
    @Test
    void theCommandStartsTheServerWithTheTemplateSettings(@TempDir Path home) throws Exception {
        Path share = Files.createDirectories(home.resolve(".local/share"));
        Files.createSymbolicLink(share.resolve("astrid-pack-ls"), DIST);
        String command = read("template.json").getAsJsonObject("programArgs").get("default").getAsString()
                .replace("$USER_HOME$", home.toString());
        ProcessBuilder b = new ProcessBuilder(command.split(" ")).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().put("ASTRID_JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        try {
            // services without a network permission: an inlay hint says so, when hints are on
            Path pack = Files.createDirectories(home.resolve("demo")).resolve("pack.yaml");
            Files.writeString(pack, "schema_version: 1\nid: demo\nname: Demo\nversion: 1.0.0\npermissions:\n"
                    + "  - id: external_services\n    reason: Calls the Open-Meteo forecast API\n    services: [api.open-meteo.com]\n");
            String uri = pack.toUri().toString();
            OutputStream in = p.getOutputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":"
                    + "{\"workspace\":{\"configuration\":true}},\"rootUri\":\"" + pack.getParent().toUri() + "\",\"initializationOptions\":" + read("initializationOptions.json") + "}}");
            assertTrue(until(p.getInputStream(), in, "\"id\":1").contains("astrid-pack-ls"));
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                    + "\",\"languageId\":\"yaml\",\"version\":1,\"text\":" + new JsonPrimitive(Files.readString(pack)) + "}}}");
            until(p.getInputStream(), in, "publishDiagnostics");
            // The settings arrive after `initialized`, asynchronously: ask until they apply.
            JsonObject hints = null;
            int id = 2;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline; id++) {
                send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/inlayHint\",\"params\":{\"textDocument\":"
                        + "{\"uri\":\"" + uri + "\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":100,\"character\":0}}}}");
                hints = JsonParser.parseString(until(p.getInputStream(), in, "\"id\":" + id + ",")).getAsJsonObject();
                if (!hints.getAsJsonArray("result").isEmpty()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertFalse(hints.getAsJsonArray("result").isEmpty(), "inlay hints, which the template's settings turn on: " + hints);
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1000,\"method\":\"shutdown\"}");
            until(p.getInputStream(), in, "\"id\":1000");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /** Reads frames until one contains {@code needle}, answering workspace/configuration with settings.json. */
    static String until(InputStream out, OutputStream in, String needle) throws IOException {
        while (true) {
            String frame = frame(out);
            JsonObject m = JsonParser.parseString(frame).getAsJsonObject();
            if (m.has("method") && m.has("id")) {
                JsonElement result = m.get("method").getAsString().equals("workspace/configuration")
                        ? array(read("settings.json").get("astrid")) : null;
                JsonObject reply = new JsonObject();
                reply.addProperty("jsonrpc", "2.0");
                reply.add("id", m.get("id"));
                reply.add("result", result);
                send(in, reply.toString());
            } else if (frame.contains(needle)) {
                return frame;
            }
        }
    }

    static JsonArray array(JsonElement e) {
        JsonArray a = new JsonArray();
        a.add(e);
        return a;
    }

    static void leaves(JsonObject o, String prefix, List<String> out) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue().isJsonObject() && e.getValue().getAsJsonObject().size() > 0) {
                leaves(e.getValue().getAsJsonObject(), path + ".", out);
            } else {
                out.add(path);
            }
        }
    }

    /** JSON as the plain maps, lists, strings, numbers and booleans that Settings.from reads. */
    static Object plain(JsonElement e) {
        return new com.google.gson.Gson().fromJson(e, Object.class);
    }
}
