package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real executor process applying DEREGISTER and ERASE to the real local provider, and
 * checks after every kill: each image is listed, in the trash, or journaled as erased; the journal
 * verifies; no action is done twice.
 */
class LocalCrashTest {
  private static final int KILLS = 24;
  private static final Instant CREATED = Instant.parse("2026-07-01T00:00:00Z");
  private static final Instant APPLIED = CREATED.plus(Duration.ofDays(60));

  @TempDir Path root;

  private static List<String> setUp(Path dir, int images) throws Exception {
    List<String> ids = new ArrayList<>();
    try (LocalProvider local =
        LocalProvider.builder()
            .home(dir.resolve("home"))
            .clock(Clock.fixed(CREATED, ZoneOffset.UTC))
            .build()) {
      for (int i = 0; i < images; i++) {
        Path disk = dir.resolve("d" + i + ".raw");
        byte[] bytes = new byte[256 * 1024];
        java.util.Arrays.fill(bytes, (byte) (i + 1));
        Files.write(disk, bytes);
        Image img =
            local.importImage(
                ImportRequest.of(
                        disk, "img" + i, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64)
                    .withTags(Tags.of("fate", i % 2 == 0 ? "erase" : "deregister")),
                ProgressListener.NONE,
                Cancellation.never());
        ids.add(img.nativeId());
      }
    }
    try (LocalProvider local =
        LocalProvider.builder()
            .home(dir.resolve("home"))
            .clock(Clock.fixed(APPLIED, ZoneOffset.UTC))
            .build()) {
      LifecyclePolicy policy =
          LifecyclePolicy.builder()
              .name("crash-local")
              .allowActionsOnNewestOfFamily()
              .rule(
                  "erase",
                  r ->
                      r.when(
                              Condition.olderThan(Duration.ofDays(30)),
                              Condition.tagMatches("fate", "erase"))
                          .then(Action.ERASE))
              .rule(
                  "deregister",
                  r ->
                      r.when(
                              Condition.olderThan(Duration.ofDays(30)),
                              Condition.tagMatches("fate", "deregister"))
                          .then(Action.DEREGISTER))
              .build();
      Plan plan =
          LifecyclePlanner.builder()
              .prices(local.tierPrices())
              .build()
              .plan(Inventory.of(local), policy, Clock.fixed(APPLIED, ZoneOffset.UTC));
      assertThat(plan.actions()).hasSize(images);
      plan.write(dir.resolve("plan.json"));
    }
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
            LocalCrashRunner.class.getName(),
            dir.toString(),
            APPLIED.toString())
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void killedApplyOfDeregisterAndEraseLosesNoImageAndRepeatsNothing() throws Exception {
    Random random = new Random(7);
    int kills = 0;
    int scenarios = 0;
    while (kills < KILLS) {
      Path dir = Files.createDirectory(root.resolve("s" + scenarios++));
      List<String> ids = setUp(dir, 4);
      boolean complete = false;
      int runs = 0;
      while (!complete) {
        assertThat(runs++).as("runs of scenario " + dir).isLessThan(10);
        Process p = start(dir);
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("child output").isEqualTo("READY");
        boolean killed = false;
        // At most three kills per scenario, then the run is left to finish.
        if (kills < KILLS && runs <= 3) {
          Thread.sleep(random.nextInt(400));
          if (p.isAlive()) {
            p.destroyForcibly();
            kills++;
            killed = true;
          }
        }
        String rest =
            killed ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        complete = p.exitValue() == 0;
        if (!killed && !complete) {
          throw new AssertionError("apply ended incomplete: " + out.readLine() + rest);
        }
        assertInvariants(dir, ids);
      }
    }
  }

  private static void assertInvariants(Path dir, List<String> ids) throws Exception {
    Path journal = dir.resolve("journal");
    if (Files.exists(journal.resolve(Journal.FILE_NAME))) {
      // A kill can tear the last line; opening repairs it, as the next apply would.
      Journal.open(journal, Clock.systemUTC()).close();
      assertThat(Journal.verify(journal).valid()).isTrue();
    }
    List<JournalRecord> records = Journal.readRecords(journal);
    Map<String, Integer> done = new HashMap<>();
    Map<String, String> erased = new HashMap<>();
    for (JournalRecord r : records) {
      String op = r.text("op");
      if (op != null && r.type().equals("DONE")) {
        done.merge(op, 1, Integer::sum);
      }
      if (r.type().equals("SANITIZATION")
          || (r.type().equals("INTENT") && "ERASE".equals(r.text("action")))) {
        erased.put(String.valueOf(r.text("resource")), r.type());
      }
    }
    assertThat(done).allSatisfy((op, n) -> assertThat(n).as(op).isEqualTo(1));
    List<String> trash;
    try (Stream<Path> files = Files.walk(dir.resolve("home"))) {
      trash = files.map(Path::toString).filter(p -> p.contains("trash")).toList();
    }
    try (LocalProvider local = LocalProvider.builder().home(dir.resolve("home")).build()) {
      for (String id : ids) {
        boolean listed = local.find(id).isPresent();
        boolean inTrash = trash.stream().anyMatch(p -> p.contains(id));
        boolean erasing = erased.containsKey(id);
        assertThat(listed || inTrash || erasing)
            .as(id + " is listed, in the trash, or being erased as journaled")
            .isTrue();
      }
    }
  }
}
