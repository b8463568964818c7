package dev.astrid.ls.bench;

/**
 * Pack manifests of a chosen size, shaped like real ones: the usual header, one of each
 * permission (one with a vague reason, so the checks have something to say), secrets, then
 * alias entries (checked by the schema) until the line count is reached.
 */
public final class Generated {
    private Generated() {}

    public static String pack(int lines) {
        StringBuilder sb = new StringBuilder("""
                schema_version: 1
                id: bench
                name: Benchmark Pack
                version: "1.0.0"
                description: Generated for benchmarks.
                permissions:
                  - id: project_files
                    reason: Reads scene files and writes rendered PNG frames
                  - id: network
                    reason: Calls api.openai.com to caption images
                    services: [api.openai.com]
                  - id: subprocess
                    reason: Runs ffmpeg to encode the rendered frames
                  - id: environment
                    reason: Reads OPENAI_API_KEY for the captions
                  - id: accelerator
                    reason: needed for functionality
                  - id: external_services
                    reason: Sends audio to AssemblyAI for transcription
                secrets:
                  - name: OPENAI_API_KEY
                    required: true
                aliases:
                """);
        int i = 0;
        while (count(sb) + 4 <= lines) {
            sb.append("  - kind: executor\n    alias: bench.old_").append(i).append("\n    canonical_id: bench.new_")
                    .append(i).append("\n    deprecated: true\n");
            i++;
        }
        while (count(sb) < lines) {
            sb.append("# padding\n");
        }
        return sb.toString();
    }

    private static int count(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
