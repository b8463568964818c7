package dev.astrid.ls.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server only reads: its own code never runs processes, reads environment variable values,
 * opens connections or writes files. (The process-level proof is {@link ReadOnlyServerIT}; this
 * catches a regression at review time, naming the line.)
 */
class ForbiddenApiTest {
    static final Pattern FORBIDDEN = Pattern.compile(
            "System\\.getenv|ProcessBuilder|Runtime\\.getRuntime|java\\.net\\.(Socket|URL\\b|http|ServerSocket)"
                    + "|new URL\\(|HttpClient|Files\\.(write|newOutputStream|newBufferedWriter|createFile|createDirector|delete"
                    + "|move|copy)|FileOutputStream|FileWriter|RandomAccessFile");

    @Test
    void mainSourcesUseNoProcessEnvironmentNetworkOrWriteApis() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        hits.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}
