package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.plan.Plan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real executor process with SIGKILL at random points and checks what survives. */
class CrashTest {
  private static final int KILLS = 50;

  @TempDir Path root;

  private Process start(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashRunner.class.getName(),
            dir.toString(),
            "3",
            "2")
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void killedExecutorNeverRepeatsOrLosesAnActionAndKeepsAValidChain() throws Exception {
    Random random = new Random(42);
    int kills = 0;
    int scenarios = 0;
    while (kills < KILLS) {
      Path dir = Files.createDirectory(root.resolve("s" + scenarios++));
      Plan plan = Scenario.create(dir, 6);
      boolean complete = false;
      while (!complete) {
        Process p = start(dir);
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("child output").isEqualTo("READY");
        if (kills < KILLS) {
          Thread.sleep(random.nextInt(150));
          if (p.isAlive()) {
            p.destroyForcibly();
            kills++;
          }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        complete = p.exitValue() == 0;
        assertNoDoubleAction(dir);
      }
      assertFinished(dir, plan);
    }
    assertThat(kills).isGreaterThanOrEqualTo(KILLS);
  }

  private static void assertNoDoubleAction(Path dir) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : FileFakeProvider.ops(dir)) {
      counts.merge(line.split("\t")[0] + " " + line.split("\t")[1], 1, Integer::sum);
    }
    assertThat(counts).allSatisfy((op, n) -> assertThat(n).as(op).isEqualTo(1));
  }

  private static void assertFinished(Path dir, Plan plan) throws Exception {
    Path journal = dir.resolve("journal");
    assertThat(Journal.verify(journal).valid()).isTrue();
    List<JournalRecord> records = Journal.readRecords(journal);
    Map<String, String> last = new HashMap<>();
    List<String> intents = new ArrayList<>();
    for (JournalRecord r : records) {
      String op = r.text("op");
      if (op == null || r.type().equals("SANITIZATION")) {
        continue;
      }
      if (r.type().equals("INTENT")) {
        intents.add(op);
      }
      last.put(op, r.type());
    }
    // Every intent has an outcome after it, and every action ended DONE.
    assertThat(intents).allSatisfy(op -> assertThat(last.get(op)).isNotEqualTo("INTENT"));
    for (int i = 0; i < plan.actions().size(); i++) {
      assertThat(last.get(plan.digest() + "#" + i)).as("action " + i).isEqualTo("DONE");
    }
    assertThat(FileFakeProvider.ops(dir)).hasSize(plan.actions().size());
  }
}
