package dev.astrid.ls.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.astrid.ls.testkit.Sandbox;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy CI runs the server's process tests under really denies what the server promises
 * never to do: a program that writes a file and connects to a listening port is refused both.
 */
class SandboxIT {
    /** Tries to write a file and to open a TCP connection; exits 0 only when both were refused. */
    public static void main(String[] args) throws Exception {
        int refused = 0;
        try {
            Files.writeString(Path.of(args[0]), "written");
        } catch (java.io.IOException e) {
            refused++;
        }
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", Integer.parseInt(args[1]))) {
            s.getOutputStream().write(1);
        } catch (java.io.IOException e) {
            refused++;
        }
        System.exit(refused == 2 ? 0 : 1);
    }

    @Test
    void theSandboxRefusesWritesAndConnections(@TempDir Path tmp) throws Exception {
        assumeTrue(Sandbox.launcher() != null, "runs when CI passes -Dastrid.sandbox");
        try (ServerSocket listening = new ServerSocket(0)) {
            Path target = tmp.resolve("written.txt");
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), SandboxIT.class.getName(),
                    target.toString(), String.valueOf(listening.getLocalPort()));
            Process p = new ProcessBuilder(Sandbox.command(java)).inheritIO().start();
            assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "both the write and the connection were refused");
            assertEquals(false, Files.exists(target));
            Process free = new ProcessBuilder(java).start();
            free.waitFor(60, TimeUnit.SECONDS);
            assertEquals(1, free.exitValue(), "outside the sandbox the same program can do both");
        }
    }
}
