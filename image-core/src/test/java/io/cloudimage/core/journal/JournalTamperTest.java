package io.cloudimage.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.CorruptDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncation, recomputed chains, concurrent writers and oversized records. */
class JournalTamperTest {
  @TempDir Path dir;

  private void write(int n) {
    try (Journal j = Journal.open(dir, Clock.systemUTC())) {
      for (int i = 0; i < n; i++) {
        int k = i;
        j.append("NOTE", r -> r.put("n", k));
      }
    }
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(dir.resolve(Journal.FILE_NAME)));
  }

  @Test
  void recordsCutOffTheEndAreFoundThroughTheHeadFile() throws Exception {
    write(5);
    List<String> lines = lines();
    Files.write(dir.resolve(Journal.FILE_NAME), lines.subList(0, 3));

    Verification v = Journal.verify(dir);

    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).contains("cut off the end").contains("head file says 5");
    assertThatThrownBy(() -> Journal.open(dir, Clock.systemUTC()))
        .isInstanceOf(CheckFailedException.class);
  }

  @Test
  void fileOneRecordAheadOfItsHeadIsACrashBetweenTheTwoWrites() throws Exception {
    write(3);
    Path head = dir.resolve(Journal.HEAD_FILE);
    byte[] before = Files.readAllBytes(head);
    write(1);
    Files.write(head, before);

    assertThat(Journal.verify(dir).valid()).isTrue();
  }

  /** Rewrites every record with a freshly computed chain, as a forger would. */
  private void recomputeChainWith(String note) throws Exception {
    List<String> out = new ArrayList<>();
    String prev = Journal.GENESIS;
    for (String line : lines()) {
      String body = line.substring(0, line.lastIndexOf(",\"hash\":\"")) + "}";
      body = body.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"");
      body = body.replace("\"n\":1,", "\"n\":1,\"forged\":\"" + note + "\",");
      String hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(body.getBytes(StandardCharsets.UTF_8)));
      out.add(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}");
      prev = hash;
    }
    Files.write(dir.resolve(Journal.FILE_NAME), out);
    Files.writeString(
        dir.resolve(Journal.HEAD_FILE),
        "{\"records\":" + out.size() + ",\"lastHash\":\"" + prev + "\"}");
  }

  @Test
  void recomputedChainVerifiesAloneButNotAgainstAnAnchorOrASealedHead() throws Exception {
    write(4);
    Head anchor = Journal.head(dir);
    assertThat(Journal.verify(dir, anchor.lastHash()).valid()).isTrue();
    assertThat(Journal.problemWith(dir, anchor)).isNull();

    recomputeChainWith("x");

    assertThat(Journal.verify(dir).valid()).isTrue();
    Verification anchored = Journal.verify(dir, anchor.lastHash());
    assertThat(anchored.valid()).isFalse();
    assertThat(anchored.problem()).contains("no record has the expected head");
    assertThat(Journal.problemWith(dir, anchor)).contains("the chain was rewritten");
  }

  @Test
  void sealedHeadShowsTruncationEvenWithoutTheHeadFile() throws Exception {
    write(4);
    Head sealed = Journal.head(dir);
    Files.write(dir.resolve(Journal.FILE_NAME), lines().subList(0, 2));
    Files.delete(dir.resolve(Journal.HEAD_FILE));

    assertThat(Journal.verify(dir).valid()).isTrue();
    assertThat(Journal.problemWith(dir, sealed)).contains("fewer than the 4 sealed");
  }

  @Test
  void aSecondWriterWaitsForTheLockAndTheChainNeverForks() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      writers.add(
          pool.submit(
              () -> {
                start.await();
                try (Journal j = Journal.open(dir, Clock.systemUTC(), Duration.ofSeconds(30))) {
                  for (int i = 0; i < 20; i++) {
                    int k = i;
                    j.append("NOTE", r -> r.put("writer", id).put("n", k));
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : writers) {
      f.get();
    }
    pool.shutdown();

    Verification v = Journal.verify(dir);
    assertThat(v.valid()).as(String.valueOf(v.problem())).isTrue();
    assertThat(v.records()).isEqualTo(80);
  }

  @Test
  void writerThatCannotGetTheLockInTimeFailsWithAConflict() {
    try (Journal held = Journal.open(dir, Clock.systemUTC())) {
      assertThatThrownBy(() -> Journal.open(dir, Clock.systemUTC(), Duration.ofMillis(100)))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("another apply");
    }
    Journal.open(dir, Clock.systemUTC(), Duration.ZERO).close();
  }

  @Test
  void longJournalStreamsAndAnOversizedRecordIsCorruptNotAnOutOfMemoryError() throws Exception {
    write(300);
    assertThat(Journal.verify(dir).records()).isEqualTo(300);
    long[] seen = {0};
    Journal.forEachRecord(dir, r -> seen[0]++);
    assertThat(seen[0]).isEqualTo(300);

    // One line of 3 MiB with no newline in it: far over the bound.
    byte[] junk = new byte[3 << 20];
    java.util.Arrays.fill(junk, (byte) 'a');
    Files.write(dir.resolve(Journal.FILE_NAME), junk, java.nio.file.StandardOpenOption.APPEND);
    Files.write(
        dir.resolve(Journal.FILE_NAME), new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);

    Verification v = Journal.verify(dir);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBadLine()).isEqualTo(301);
    assertThat(v.problem()).contains("longer than " + Journal.MAX_RECORD_BYTES);
    assertThatThrownBy(() -> Journal.readRecords(dir)).isInstanceOf(CorruptDataException.class);
  }
}
