package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the base comes from: which repository, which revision, and when git is read at all. */
class UpdateBaselineTest {
    static final String PACK = UpdateDiffTest.PACK;

    @Test
    void noRepository(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("demo"));
        Files.writeString(dir.resolve("demo/pack.yaml"), PACK);
        Workspace workspace = new Workspace();
        workspace.addRoot(dir);
        Path root = dir.resolve("demo").toAbsolutePath().normalize();
        UpdatePreview p = UpdatePreview.of(workspace.pack(root).orElseThrow(),
                new GitBaselines().at(root, List.of(dir.toAbsolutePath().normalize()), "HEAD"));
        assertInstanceOf(UpdatePreview.NoRepository.class, p);
        assertEquals("Update diff: no git repository", p.headline());
        assertEquals(List.of(), p.notes());
    }

    @Test
    void aRepositoryAboveTheWorkspaceIsNotUsed(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("ws/demo/pack.yaml", PACK).commit();
            Path root = repo.dir.resolve("ws/demo");
            assertInstanceOf(Baseline.NoRepository.class, repo.baselines.at(root, List.of(repo.dir.resolve("ws")), "HEAD"));
            assertInstanceOf(Baseline.NoRepository.class, repo.baselines.at(root, List.of(), "HEAD"));
            assertInstanceOf(Baseline.Present.class, repo.baselines.at(root, List.of(repo.dir), "HEAD"));
        }
    }

    @Test
    void aPackNewAtTheBase(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("README.md", "x").commit();
            repo.write("demo/pack.yaml", PACK);
            UpdatePreview p = repo.preview("demo");
            assertInstanceOf(UpdatePreview.NewPack.class, p);
            assertEquals("Update diff vs HEAD: new pack, not in HEAD", p.headline());
        }
    }

    @Test
    void aRevisionThatDoesNotResolve(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK).commit();
            assertEquals("Update diff vs origin/main unavailable: no commit 'origin/main' in the repository at " + repo.dir,
                    repo.preview("demo", "origin/main").headline());
        }
    }

    @Test
    void aPackAstridWouldRefuseHasNoDiff(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK).commit();
            repo.type("demo/pack.yaml", PACK + "permissions:\n  - id: network\n");
            assertEquals("Update diff vs HEAD unavailable: Astrid would refuse the pack as it is now: missing required "
                    + "field permissions[0].reason", repo.preview("demo").headline());
        }
    }

    @Test
    void thePackIsReadOncePerCommit(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK).commit();
            Path root = repo.dir.resolve("demo");
            TrustFacts first = ((Baseline.Present) repo.baselines.at(root, List.of(repo.dir), "HEAD")).facts();
            repo.baselines.refresh(); // resolved again, to the same commit: not read again
            assertSame(first, ((Baseline.Present) repo.baselines.at(root, List.of(repo.dir), "main")).facts());
            assertSame(first, ((Baseline.Present) repo.baselines.at(root, List.of(repo.dir), "HEAD")).facts());
            repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.1.0")).commit();
            repo.baselines.refresh();
            assertNotSame(first, ((Baseline.Present) repo.baselines.at(root, List.of(repo.dir), "HEAD")).facts());
        }
    }

    /** What the typing path reads: the last answer, even while a read of git holds the cache (or hangs). */
    @Test
    void theCachedAnswerNeverWaitsForARead(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", PACK).commit();
            Path root = repo.dir.resolve("demo");
            assertEquals(java.util.Optional.empty(), repo.baselines.cached(root, List.of(repo.dir), "HEAD"));
            Baseline read = repo.baselines.at(root, List.of(repo.dir), "HEAD");
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread reading = new Thread(() -> {
                synchronized (repo.baselines) { // as at() does while it reads git
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            reading.start();
            held.await();
            try {
                assertEquals(java.util.Optional.of(read), org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        Duration.ofSeconds(5), () -> repo.baselines.cached(root, List.of(repo.dir), "HEAD")));
            } finally {
                release.countDown();
                reading.join();
            }
        }
    }

    @Test
    void aRevisionIsResolvedAgainOnlyAfterTheRecheckInterval(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            AtomicLong now = new AtomicLong();
            GitBaselines baselines = new GitBaselines(Duration.ofSeconds(5), now::get);
            Path root = repo.dir.resolve("demo");
            String c1 = repo.write("demo/pack.yaml", PACK).commit();
            assertEquals(c1, ((Baseline.Present) baselines.at(root, List.of(repo.dir), "HEAD")).commit());
            String c2 = repo.write("demo/pack.yaml", PACK.replace("1.0.0", "1.1.0")).commit();
            now.addAndGet(Duration.ofSeconds(4).toNanos()); // typing: git is not asked
            assertEquals(c1, ((Baseline.Present) baselines.at(root, List.of(repo.dir), "HEAD")).commit());
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertEquals(c2, ((Baseline.Present) baselines.at(root, List.of(repo.dir), "HEAD")).commit());
        }
    }
}
