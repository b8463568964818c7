package dev.astrid.ls.bench;

/**
 * Generated inputs of a chosen size. Pack manifests shaped like real ones: the usual header, one
 * of each permission (one with a vague reason, so the checks have something to say), secrets,
 * then alias entries (checked by the schema) until the line count is reached. Python modules
 * shaped like pack code (see {@link #python}).
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

    /**
     * A Python module of a chosen size, shaped like pack code: imports, module constants (a URL,
     * an env name, a provider table), a client class that reads the environment and calls the
     * network, then functions that run ffmpeg, until the line count is reached.
     */
    public static String python(int module, int lines) {
        StringBuilder sb = new StringBuilder("""
                \"\"\"Module %1$d: generated for benchmarks.\"\"\"
                from __future__ import annotations

                import json
                import os
                import subprocess
                import urllib.request
                from pathlib import Path

                API = "https://api.bench%1$d.io/v1"
                TOKEN_ENV = "BENCH_%1$d_TOKEN"
                PROVIDERS = {"fal": "FAL_KEY", "openai": "OPENAI_API_KEY"}


                class Client%1$d:
                    \"\"\"A client for the bench API.\"\"\"

                    def __init__(self, base: str = API) -> None:
                        self.base = base
                        self.token = os.environ.get(TOKEN_ENV, "")

                    def _get(self, path: str) -> dict:
                        req = urllib.request.Request(f"{self.base}/{path}", headers={"Authorization": f"Bearer {self.token}"})
                        with urllib.request.urlopen(req, timeout=30) as resp:
                            return json.loads(resp.read().decode("utf-8"))
                """.formatted(module));
        for (int k = 0; count(sb) + 10 <= lines; k++) {
            sb.append("""


                    def render_%1$d_%2$d(src: Path, out: Path, *, fps: int = 24) -> int:
                        \"\"\"Render frames %2$d and encode them.\"\"\"
                        argv = ["ffmpeg", "-y", "-framerate", str(fps), "-i", str(src / "frame_%%04d.png"), str(out)]
                        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
                        if proc.returncode != 0:
                            raise RuntimeError(f"ffmpeg failed: {proc.stderr[-200:]}")
                        data = {"frames": [n * 2 for n in range(10)], 'name': 'x%2$d', "ok": True}
                        return len(json.dumps(data))
                    """.formatted(module, k));
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
