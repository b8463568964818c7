package dev.astrid.ls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.core.Setting;
import dev.astrid.ls.service.LanguageService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each setting is declared once, next to the code that reads it; the VS Code contribution, the
 * IntelliJ (LSP4IJ) template and the configuration page are checked against those declarations.
 */
class SettingsContributionsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Settings only the VS Code extension reads (how to start Java, tracing). */
    static final Set<String> CLIENT_ONLY = Set.of("java.home", "java.vmargs", "trace.server");

    static Map<String, Setting<?>> declared() {
        return LanguageService.SETTINGS.stream().collect(Collectors.toMap(Setting::key, s -> s));
    }

    @Test
    void vsCodeContributesEverySettingWithItsTypeDefaultAndDescription() throws IOException {
        JsonNode properties = JSON.readTree(Files.readString(Path.of("../vscode-extension/package.json")))
                .path("contributes").path("configuration").path("properties");
        Set<String> contributed = new HashSet<>();
        properties.propertyNames().forEach(name -> contributed.add(name.substring("astrid.".length())));
        for (Setting<?> s : declared().values()) {
            JsonNode p = properties.get("astrid." + s.key());
            assertNotNull(p, "package.json does not contribute astrid." + s.key());
            assertEquals(s.type(), p.path("type").asString(), "type of astrid." + s.key());
            assertEquals(JSON.valueToTree(s.defaultValue()), p.path("default"), "default of astrid." + s.key());
            assertEquals(s.description(), p.path("markdownDescription").asString(), "description of astrid." + s.key());
        }
        contributed.removeAll(CLIENT_ONLY);
        assertEquals(declared().keySet(), contributed, "package.json contributes settings the server does not read");
    }

    @Test
    void theIntelliJTemplateSendsOnlySettingsTheServerReads() throws IOException {
        for (String file : new String[] {"settings.json", "initializationOptions.json"}) {
            JsonNode root = JSON.readTree(Files.readString(Path.of("../docs/editors/intellij").resolve(file)));
            JsonNode section = root.has("astrid") ? root.get("astrid") : root;
            for (String key : leafKeys(section, "")) {
                assertTrue(declared().containsKey(key), file + " sends astrid." + key + ", which the server does not read");
            }
        }
    }

    @Test
    void theConfigurationPageDocumentsEverySetting() throws IOException {
        String page = Files.readString(Path.of("../docs/configuration.md"));
        for (String key : declared().keySet()) {
            assertTrue(page.contains("| `astrid." + key + "` |"), "docs/configuration.md has no row for astrid." + key);
        }
    }

    /** Dotted keys of the leaves of a settings object; objects that are setting values (maps) count as leaves. */
    private static Set<String> leafKeys(JsonNode node, String prefix) {
        Set<String> out = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !declared().containsKey(key)) {
                out.addAll(leafKeys(e.getValue(), key + "."));
            } else {
                out.add(key);
            }
        }
        return out;
    }
}
