package dev.astrid.ls.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.astrid.ls.python.PyModule.EnvRead;
import dev.astrid.ls.python.PyModule.Reference;
import dev.astrid.ls.python.PyModule.UrlUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.astrid.ls.testkit.CodeCorpus;
import org.junit.jupiter.api.Test;

class PythonAnalysisTest {
    /** Resolved calls as {@code name(…)}, resolved values as the name alone. */
    static List<String> uses(String source) {
        return PyAnalyzer.analyze(source).references().stream().filter(Reference::resolved)
                .map(r -> r.name() + (r.call() ? "()" : "")).toList();
    }

    /** Environment reads as {@code NAME/VIA}, or {@code ?/VIA} when the name is not known. */
    static List<String> env(String source) {
        return PyAnalyzer.analyze(source).envReads().stream()
                .map(e -> (e.name() == null ? "?" : e.name()) + "/" + e.via()).toList();
    }

    @Test
    void importsBindTheirNamesAbsoluteRelativeAndAliased() {
        PyModule m = PyAnalyzer.analyze("""
                import urllib.request as ur, os.path
                from a.b import c as d, e
                from . import x
                from ..pkg import (y,
                    z as w)
                from m import *
                """);
        assertEquals(List.of("ur=urllib.request", "os=os", "d=a.b.c", "e=a.b.e", "x=.x", "y=..pkg.y", "w=..pkg.z",
                "null=m.*"), m.imports().stream().map(i -> i.boundAs() + "=" + i.qualified()).toList());
    }

    @Test
    void dottedNamesResolveThroughImportsAndAliases() {
        assertEquals(List.of("urllib.request.urlopen()", "subprocess.run()", "os.path.join()"), uses("""
                import urllib.request as ur
                from subprocess import run as sh
                import os
                ur.urlopen(u)
                sh(["ls"])
                os.path.join(a, b)
                """));
        assertEquals(List.of("os.environ", "os.environ.get()"), uses("import os\nenv = os.environ\nenv.get('A')\n"));
    }

    @Test
    void aParameterShadowsAnImportAndALocalNameStaysUnresolved() {
        assertEquals(List.of(), uses("import os\ndef f(os, *, sh=None):\n    os.system('x')\nclient.get(u)\n"));
        assertEquals(List.of("subprocess.run"), uses("import subprocess\ndef main(runner=subprocess.run):\n    runner()\n"));
    }

    @Test
    void annotationsAndCaughtErrorsAreNotUses() {
        assertEquals(List.of(), uses("""
                import subprocess
                def f(p: subprocess.Popen) -> tuple[subprocess.Popen, int]:
                    x: subprocess.Popen | None = None
                try:
                    pass
                except subprocess.TimeoutExpired:
                    pass
                """));
    }

    @Test
    void everyFormOfEnvironmentRead() {
        assertEquals(List.of("A/LITERAL", "B/LITERAL", "C/LITERAL", "D/LITERAL", "E/LITERAL", "F/LITERAL", "G/LITERAL",
                "H/LITERAL", "I/LITERAL", "J/LITERAL"), env("""
                import os
                from os import environ, getenv
                os.environ["A"]
                os.environ.get("B", "")
                os.getenv("C")
                environ["D"]
                getenv("E")
                os.environ.setdefault("F", "1")   # returns the current value: a read
                os.environ.pop("G", None)
                if "H" in os.environ and "I" not in os.environ:
                    os.environ["J"] += "x"
                os.environ["W"] = "1"
                del os.environ["X"]
                os.environ.update({"Y": "1"})
                """));
    }

    @Test
    void theWholeEnvironmentHandedOnIsARead() {
        assertEquals(List.of("?/WHOLE", "?/WHOLE"), env("""
                import os, subprocess
                subprocess.run(cmd, env={**os.environ, "X": "1"})
                for k, v in os.environ.items():
                    pass
                """));
    }

    @Test
    void namesFromConstantsTheAstridRegistryAndProviderTables() {
        assertEquals(List.of("FOO_KEY/CONSTANT", "ASTRID_HOME/REGISTRY", "FAL_KEY/PROVIDER_TABLE",
                "?/PROVIDER_TABLE", "?/DYNAMIC", "?/DYNAMIC", "?/IMPORTED"), env("""
                import os
                from astrid.core.env_vars import ASTRID_HOME
                from .settings import TOKEN_ENV
                NAME = "FOO_KEY"
                TWICE = "A_KEY"
                TWICE = other()
                TABLE = {"fal": "FAL_KEY", "openai": "OPENAI_API_KEY"}
                os.environ[NAME]
                os.getenv(ASTRID_HOME)
                os.environ[TABLE["fal"]]
                os.environ.get(TABLE.get(provider))
                os.environ[f"{provider}_KEY"]
                os.environ[TWICE]
                os.environ[TOKEN_ENV]
                """));
    }

    @Test
    void astridsProviderTableIsFound() throws IOException {
        PyModule m = PyAnalyzer.analyze(Files.readString(CodeCorpus.require().resolve(
                "peteromallet-Astrid/astrid/core/util/credentials_scope.py")));
        assertEquals(1, m.providerTables().size());
        assertEquals("_PROVIDER_ENV", m.providerTables().get(0).name());
        assertEquals(10, m.providerTables().get(0).entries().size());
        assertEquals("HF_TOKEN", m.providerTables().get(0).entries().get("huggingface"));
    }

    @Test
    void urlsKnowTheirHostAndTheCallsTheySitIn() {
        String src = """
                import requests
                API = "https://api.sketchfab.com/v3"
                def _get(url):
                    return urlopen(url)
                def search(q):
                    return _get(f"{API}/search?q={q}")
                requests.get("https://Files.Example.org/a")
                requests.post("https://upload.host.io/x", json={"u": f"https://{pod}-8888.proxy.runpod.net"})
                print("see https://docs.host.io for details")
                LINK = "https://dead.constant.io"
                """;
        PyModule m = PyAnalyzer.analyze(src);
        assertEquals(List.of("api.sketchfab.com API [_get] search", "upload.host.io null [requests.post] null",
                "*-8888.proxy.runpod.net null [requests.post] null"), m.urls().stream()
                .map(u -> u.host() + " " + u.constant() + " " + u.calls() + " " + u.function()).toList());
        assertEquals(src.indexOf("{API}") + 1, m.urls().get(0).start());
        assertEquals(src.indexOf("{API}") + 4, m.urls().get(0).end());
    }

    @Test
    void dynamicImportsAndExecAreCallsOfTheirOwnNames() {
        assertEquals(List.of("importlib.import_module()", "__import__()", "exec()", "eval()"), uses("""
                import importlib
                importlib.import_module(name)
                __import__("x")
                exec(code)
                eval(expr)
                self.exec(x)
                cursor.execute(q)
                """));
        assertEquals(List.of(), uses("def exec(x):\n    pass\nexec(1)\n"));
    }

    @Test
    void argumentsShowLiteralsListHeadsKeywordsAndConstants() {
        PyModule m = PyAnalyzer.analyze("""
                import subprocess, os
                FFMPEG = "ffmpeg"
                subprocess.run(["ffmpeg", "-i", src], check=True)
                subprocess.Popen((FFMPEG, "-y"))
                os.system("curl -s " + url)
                x.to("cuda")
                torch.zeros(3, device="cuda:0")
                """);
        List<Reference> r = m.references();
        assertEquals("ffmpeg", r.get(0).positional(0).head());
        assertEquals("True", r.get(0).keyword("check").text());
        assertEquals("ffmpeg", r.get(1).positional(0).head());
        assertEquals(null, r.get(2).positional(0).string());
        assertEquals(".to cuda", "." + r.get(3).attribute() + " " + r.get(3).positional(0).string());
        assertFalse(r.get(3).resolved());
        assertEquals("cuda:0", r.get(4).keyword("device").string());
    }

    @Test
    void stringsAreNeverReadAsCode() {
        PyModule m = PyAnalyzer.analyze("""
                \"\"\"Docs: os.environ["DOC"] and https://docs.example.io.\"\"\"
                from astrid.orchestrate import code
                # os.environ["COMMENT"]
                step = code("s", argv=["python3", "-c", "import os; os.environ['TRAP']; import subprocess"])
                """);
        assertEquals(List.of(), m.envReads());
        assertEquals(List.of(), m.urls());
        assertEquals(List.of("astrid.orchestrate.code"), m.references().stream().map(Reference::name).toList());
        assertEquals("python3", m.references().get(0).keyword("argv").head());
    }

    @Test
    void eachUseKnowsItsFunctionNestedAndOneLine() {
        PyModule m = PyAnalyzer.analyze("""
                import os
                def outer():
                    def inner(): return os.getenv("A")
                    os.getenv("B")
                    class K:
                        def method(self):
                            os.getenv("C")
                    os.getenv("D")
                os.getenv("E")
                """);
        assertEquals(List.of("A inner", "B outer", "C method", "D outer", "E null"), m.envReads().stream()
                .map(e -> e.name() + " " + e.function()).toList());
        assertEquals(List.of("outer", "inner", "method"), m.functions().stream().map(PyModule.Function::name).toList());
    }

    @Test
    void aHalfWrittenFileYieldsEveryUseBeforeAndAfterTheBrokenLines() {
        String src = """
                import os, subprocess, requests
                TOKEN = os.environ["BEFORE"]
                def fetch(u):
                    return requests.get(u)
                resp = requests.get("https://api.before.io/x",
                def broken(:
                x = "never closed
                if x ==
                    y = [1, 2
                class Later:
                    def run(self):
                        subprocess.run(["ffmpeg"])
                        return os.getenv("AFTER")
                os.environ.get(f"{x}_{y")
                URL = "https://api.after.io"
                fetch(URL)
                """;
        PyModule m = PyAnalyzer.analyze(src);
        assertFalse(m.errors().isEmpty());
        assertEquals(List.of("BEFORE", "AFTER", "null"), m.envReads().stream().map(EnvRead::name)
                .map(String::valueOf).toList());
        assertEquals(List.of("os.environ", "requests.get()", "requests.get()", "subprocess.run()", "os.getenv()",
                "os.environ.get()"), uses(src).subList(0, 6));
        assertEquals(List.of("api.before.io", "api.after.io"), m.urls().stream().map(UrlUse::host).toList());
        assertEquals("run", m.envReads().get(1).function());
        assertEquals(Map.of("URL", "https://api.after.io"), Map.of("URL", m.constants().get("URL").value()));
    }

    @Test
    void hostileShapesAreReadInOnePass() {
        int n = 200_000; // a search per bracket would make these take minutes
        for (String s : List.of("(".repeat(n), "[".repeat(n) + ")".repeat(n), "f(".repeat(n) + ")".repeat(n),
                "x = [" + "{(".repeat(n / 2), "\"\"\"" + "x".repeat(n), "import os\n" + "os.getenv('A')\n".repeat(n / 16))) {
            PyModule m = PyAnalyzer.analyze(s);
            m.references().forEach(r -> assertTrue(r.start() >= 0 && r.end() <= s.length()));
        }
    }

    @Test
    void linesAreTheEditorsWhateverTheLineEndings() {
        String text = "a = 1\r\nb = 2\rc = 3\n\nd = 4";
        PyModule m = PyAnalyzer.analyze(text);
        dev.astrid.ls.text.TextDocument doc = new dev.astrid.ls.text.TextDocument("x", 0, text);
        for (int offset = 0; offset <= text.length(); offset++) {
            assertEquals(doc.positionAt(offset).line() + 1, m.line(offset), "offset " + offset);
        }
    }
}
