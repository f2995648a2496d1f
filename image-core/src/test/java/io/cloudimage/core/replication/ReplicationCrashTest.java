package io.cloudimage.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real replicating process (kill -9) at random moments, then runs the plan again until it
 * completes, and checks after every run: the journal verifies, no copy was made twice, and at the
 * end every destination holds exactly one copy of each image with the source's digest.
 */
class ReplicationCrashTest {
  private static final int KILLS = 6;
  private static final int SIZE = 12 << 20;

  @TempDir Path root;

  private static List<String> setUp(Path dir) throws Exception {
    List<String> ids = new ArrayList<>();
    Path base = Homes.randomDisk(dir.resolve("web-v1.raw"), SIZE, 1);
    try (LocalProvider eu = Homes.open(dir.resolve("eu"))) {
      for (int i = 0; i < 3; i++) {
        Path disk = dir.resolve("img" + i + ".raw");
        Files.copy(base, disk);
        Homes.scribble(disk, 1L << 20, 4096, 10 + i);
        ids.add(Homes.importRaw(eu, disk, "img" + i, "fam" + i).nativeId());
      }
    }
    // us holds an earlier version of img0's family: that copy goes as a delta.
    try (LocalProvider us = Homes.open(dir.resolve("us"))) {
      Homes.importRaw(us, base, "img0-old", "fam0");
    }
    Files.writeString(
        dir.resolve("plan.yaml"),
        "source: {provider: local, home: eu}\nimages: ["
            + String.join(", ", ids)
            + "]\ndestinations:\n  - home: us\n  - home: ap\nconcurrency: 2\n");
    return ids;
  }

  private static Process start(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ReplicationCrashRunner.class.getName(),
            dir.toString())
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void aKilledReplicationResumesWithoutCopyingTwiceAndEndsVerified() throws Exception {
    Random random = new Random(11);
    int kills = 0;
    int scenarios = 0;
    while (kills < KILLS) {
      Path dir = Files.createDirectory(root.resolve("s" + scenarios++));
      List<String> ids = setUp(dir);
      boolean complete = false;
      int runs = 0;
      while (!complete) {
        assertThat(runs++).as("runs of " + dir).isLessThan(8);
        Process p = start(dir);
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("child output").isEqualTo("READY");
        boolean killed = false;
        if (kills < KILLS && runs <= 3) {
          Thread.sleep(random.nextInt(1200));
          if (p.isAlive()) {
            p.destroyForcibly();
            kills++;
            killed = true;
          }
        }
        String rest =
            killed ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        complete = p.exitValue() == 0;
        if (!killed && !complete) {
          throw new AssertionError("replication ended incomplete: " + rest);
        }
        assertNoDoubleCopy(dir, ids);
      }
      assertAllVerified(dir, ids);
    }
  }

  private static void assertNoDoubleCopy(Path dir, List<String> ids) throws Exception {
    Path journal = dir.resolve("journal");
    if (Files.exists(journal.resolve(Journal.FILE_NAME))) {
      // A kill can tear the last line; opening repairs it, as the next run would.
      Journal.open(journal, Clock.systemUTC()).close();
      assertThat(Journal.verify(journal).valid()).isTrue();
      Map<String, Integer> done = new HashMap<>();
      for (JournalRecord r : Journal.readRecords(journal)) {
        String op = r.text("op");
        if (op != null && r.type().equals("DONE")) {
          done.merge(op, 1, Integer::sum);
        }
      }
      assertThat(done).allSatisfy((op, n) -> assertThat(n).as(op).isEqualTo(1));
    }
    for (String id : ids) {
      for (String home : List.of("us", "ap")) {
        if (Files.exists(dir.resolve(home))) {
          assertThat(Homes.replicasOf(dir.resolve(home), id))
              .as(id + " at " + home)
              .hasSizeLessThan(2);
        }
      }
    }
  }

  private static void assertAllVerified(Path dir, List<String> ids) throws Exception {
    try (LocalProvider eu = Homes.open(dir.resolve("eu"))) {
      for (String id : ids) {
        Image src = eu.describe(id);
        for (String home : List.of("us", "ap")) {
          List<Image> copies = Homes.replicasOf(dir.resolve(home), id);
          assertThat(copies).as(id + " at " + home).hasSize(1);
          try (LocalProvider p = Homes.open(dir.resolve(home))) {
            assertThat(FileDigest.sha256(Homes.diskOf(p, copies.get(0))))
                .isEqualTo(src.storage().digest());
          }
        }
      }
    }
  }
}
