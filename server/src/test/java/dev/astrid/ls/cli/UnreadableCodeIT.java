package dev.astrid.ls.cli;

import static dev.astrid.ls.ManifestAssert.PACK_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} fails closed on pack code it cannot read: the packaged jar, run as a user who
 * cannot read one {@code .py} of the pack (as root, which reads everything, under {@code setpriv}
 * as nobody), reports python-unreadable as an error and exits 3.
 */
class UnreadableCodeIT {
    @Test
    void aPythonFileThatCannotBeReadIsAnErrorAndExitCodeThree(@TempDir Path dir) throws Exception {
        Path pack = Files.createDirectories(dir.resolve("demo"));
        Files.writeString(pack.resolve("pack.yaml"), PACK_HEAD + "permissions:\n  - id: project_files\n"
                + "    reason: Writes renders into the project\n");
        Path locked = Files.writeString(pack.resolve("run.py"), "import socket\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(pack.resolve("pack.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "root reads every file, and setpriv is missing");
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("astrid.jar")).toAbsolutePath().toString(), "check", "demo"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        assumeTrue(!out.contains("Unable to access jarfile"), "the jar is not readable by the other user: " + out);
        assertEquals(3, exit, out);
        assertTrue(out.contains("demo/pack.yaml:5:1: error python-unreadable: 1 Python file or folder of the pack could "
                + "not be read, so what it does is not verified: run.py (could not be read (permission denied))."), out);
    }
}
