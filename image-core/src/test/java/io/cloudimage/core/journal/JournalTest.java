package io.cloudimage.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
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

  private void lines(List<String> lines) throws Exception {
    Files.write(dir.resolve(Journal.FILE_NAME), lines);
  }

  @Test
  void intactChainVerifies() {
    write(5);
    Verification v = Journal.verify(dir);
    assertThat(v.valid()).isTrue();
    assertThat(v.records()).isEqualTo(5);
  }

  @Test
  void editedRecordIsNamedByLine() throws Exception {
    write(5);
    List<String> l = lines();
    l.set(2, l.get(2).replace("\"n\":2", "\"n\":7"));
    lines(l);
    Verification v = Journal.verify(dir);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBadLine()).isEqualTo(3);
    assertThat(v.problem()).contains("changed");
  }

  @Test
  void removedRecordIsFoundAndBlocksAppending() throws Exception {
    write(5);
    List<String> l = lines();
    l.remove(1);
    lines(l);
    assertThat(Journal.verify(dir).firstBadLine()).isEqualTo(2);
    assertThatThrownBy(() -> write(1)).isInstanceOf(CheckFailedException.class);
  }

  @Test
  void reorderedRecordsAreFound() throws Exception {
    write(5);
    List<String> l = lines();
    String third = l.remove(3);
    l.add(2, third);
    lines(l);
    Verification v = Journal.verify(dir);
    assertThat(v.firstBadLine()).isEqualTo(3);
    assertThat(v.problem()).contains("chain broken");
    assertThatThrownBy(() -> Journal.open(dir, Clock.systemUTC()))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void tornTailIsCutAndRecordedInTheChain() throws Exception {
    write(3);
    Files.write(
        dir.resolve(Journal.FILE_NAME),
        "{\"seq\":4,\"ti".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    assertThat(Journal.verify(dir).valid()).isFalse();
    try (Journal j = Journal.open(dir, Clock.systemUTC())) {
      assertThat(j.records())
          .last()
          .satisfies(
              r -> {
                assertThat(r.type()).isEqualTo("TORN_TAIL");
                assertThat(r.number("bytes").getAsLong()).isEqualTo(12);
              });
    }
    Verification v = Journal.verify(dir);
    assertThat(v.valid()).isTrue();
    assertThat(v.records()).isEqualTo(4);
  }

  @Test
  void retentionCutKeepsTheChainAndHonoursBothPeriods() throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (Journal j = Journal.open(dir, Clock.fixed(t0, ZoneOffset.UTC))) {
      j.append("INTENT", r -> r.put("op", "p#0").put("kind", "IMAGE"));
      j.append("DONE", r -> r.put("op", "p#0").put("kind", "IMAGE"));
      j.append("INTENT", r -> r.put("op", "p#1").put("kind", "SNAPSHOT"));
      j.append("DONE", r -> r.put("op", "p#1").put("kind", "SNAPSHOT"));
    }
    String lastBefore = Journal.verify(dir).lastHash();
    Clock later = Clock.fixed(t0.plus(Duration.ofDays(100)), ZoneOffset.UTC);
    try (Journal j = Journal.open(dir, later)) {
      assertThat(j.applyRetention(Duration.ofDays(60), Duration.ofDays(180))).isEqualTo(2);
      j.append("NOTE", r -> r.put("after", "cut"));
    }
    Verification v = Journal.verify(dir);
    assertThat(v.valid()).isTrue();
    assertThat(v.continuesFrom()).isEqualTo(lastBefore);
    List<JournalRecord> records = Journal.readRecords(dir);
    assertThat(records)
        .extracting(JournalRecord::type)
        .containsExactly("CUT", "INTENT", "DONE", "NOTE");
    assertThat(records.get(1).text("op")).isEqualTo("p#1");
    assertThat(records.get(1).has("originalHash")).isTrue();
  }

  @Test
  void unwritableDirectoryIsRefused() throws Exception {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> Journal.requireWritable(file.resolve("j")))
        .isInstanceOf(io.cloudimage.core.error.AccessDeniedException.class)
        .hasMessageContaining("cannot be written");
  }
}
