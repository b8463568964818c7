package dev.astrid.ls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.astrid.ls.model.ManifestKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/editors/intellij is an LSP4IJ user-defined server template, in the shape LSP4IJ exports and
 * imports: it maps exactly the manifest file names, and its settings are the "astrid" section.
 */
class IntelliJTemplateTest {
    static final Path TEMPLATE = Path.of("../docs/editors/intellij");

    static JsonObject read(String file) throws IOException {
        return JsonParser.parseString(Files.readString(TEMPLATE.resolve(file))).getAsJsonObject();
    }

    @Test
    void templateMapsTheTwelveManifestNamesAndNothingElse() throws IOException {
        JsonObject template = read("template.json");
        assertTrue(!template.get("name").getAsString().isBlank());
        assertTrue(template.getAsJsonObject("programArgs").get("default").getAsString().matches("java -jar \\S*astrid-pack-ls\\.jar"));

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
        assertTrue(template.get("languageMappings") == null, "no language mappings");
    }

    @Test
    void settingsAreTheAstridSectionAndTheOtherFilesArePresent() throws IOException {
        JsonObject astrid = read("settings.json").getAsJsonObject("astrid");
        assertTrue(Set.of("severity", "vagueReason", "inlayHints").containsAll(astrid.keySet()), astrid.toString());
        assertTrue(read("initializationOptions.json").isJsonObject());
        assertTrue(Files.readString(TEMPLATE.resolve("README.md")).contains("Java 17"));
    }
}
