package dev.astrid.ls.service;

import static dev.astrid.ls.ManifestAssert.folds;
import static dev.astrid.ls.ManifestAssert.inlayHints;
import static dev.astrid.ls.ManifestAssert.selection;
import static dev.astrid.ls.ManifestAssert.service;
import static dev.astrid.ls.ManifestAssert.symbols;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.astrid.ls.core.Settings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StructureTest {
    private static final String PACK = """
            # Weather pack
            # renders forecasts
            schema_version: 1
            id: weather
            name: Weather
            version: 1.0.0
            permissions:
              - id: network
                reason: Calls api.open-meteo.com
                services:
                  - api.open-meteo.com
              - id: subprocess
                reason: >
                  Runs ffmpeg to encode
                  the forecast card
            secrets:
              - name: WEATHER_API_KEY
            """;

    static String outline(List<StructureService.Symbol> symbols, String indent) {
        return symbols.stream().map(s -> indent + s.kind() + " " + s.name() + (s.detail() == null ? "" : " — "
                + s.detail().strip()) + "\n" + outline(s.children(), indent + "  ")).collect(Collectors.joining());
    }

    @Test
    void outlineShowsPermissionsByIdWithTheReasonAsDetail() {
        String expected = """
                VALUE schema_version — 1
                VALUE id — weather
                VALUE name — Weather
                VALUE version — 1.0.0
                LIST permissions — 2 items
                  PERMISSION network — Calls api.open-meteo.com
                    VALUE id — network
                    VALUE reason — Calls api.open-meteo.com
                    LIST services — 1 item
                      VALUE api.open-meteo.com
                  PERMISSION subprocess — Runs ffmpeg to encode the forecast card
                    VALUE id — subprocess
                    VALUE reason — Runs ffmpeg to encode the forecast card
                LIST secrets — 1 item
                  ITEM WEATHER_API_KEY
                    VALUE name — WEATHER_API_KEY
                """;
        assertEquals(expected, outline(symbols("weather/pack.yaml", PACK), ""));
    }

    @Test
    void permissionSymbolsSelectTheirId() {
        var perms = symbols("weather/pack.yaml", PACK).get(4);
        var network = perms.children().get(0);
        assertEquals("network", PACK.substring(network.nameStart(), network.nameEnd()));
        assertEquals("id: network\n    reason: Calls api.open-meteo.com\n    services:\n      - api.open-meteo.com",
                PACK.substring(network.start(), network.end()));
    }

    @Test
    void foldsCoverBlocksMultiLineScalarsAndCommentRuns() {
        Map<Integer, Integer> folds = folds("weather/pack.yaml", PACK).stream()
                .collect(Collectors.toMap(StructureService.Fold::startLine, StructureService.Fold::endLine, Math::max));
        assertEquals(Map.of(0, 1, 6, 14, 7, 10, 9, 10, 11, 14, 12, 14, 15, 16), folds);
    }

    @Test
    void selectionGrowsFromTheValueToTheDocument() {
        int offset = PACK.indexOf("api.open-meteo.com") + 2;
        List<String> spans = selection("weather/pack.yaml", PACK, offset).stream()
                .map(r -> PACK.substring(r[0], r[1])).toList();
        assertEquals("Calls api.open-meteo.com", spans.get(0));
        assertEquals("reason: Calls api.open-meteo.com", spans.get(1));
        assertEquals("id: network\n    reason: Calls api.open-meteo.com\n    services:\n      - api.open-meteo.com",
                spans.get(2));
        assertEquals(PACK, spans.get(spans.size() - 1));
    }

    @Test
    void inlayHintsAreOffByDefaultAndInformWhenOn() {
        String text = PACK.replace("  - id: network\n    reason: Calls api.open-meteo.com\n",
                "  - id: external_services\n    reason: Calls the paid Open-Meteo API\n");
        assertEquals(List.of(), inlayHints("weather/pack.yaml", text, Settings.DEFAULTS));
        Settings on = Settings.from(Map.of("inlayHints", Map.of("enabled", true)));
        var hints = inlayHints("weather/pack.yaml", text, on);
        assertEquals(1, hints.size());
        assertEquals(" no network permission", hints.get(0).label());
        assertEquals("      - api.open-meteo.com", text.substring(text.lastIndexOf('\n', hints.get(0).offset() - 1) + 1,
                hints.get(0).offset()));
    }
}
