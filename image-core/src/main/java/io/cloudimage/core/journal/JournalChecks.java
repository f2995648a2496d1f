package io.cloudimage.core.journal;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reading a journal back without changing it: streaming its intact records, verifying its chain
 * against the head file or an anchor kept elsewhere, and checking a sealed head against it. Each
 * streams the file through {@link JournalScanner} with a fixed buffer, whatever its size.
 */
final class JournalChecks {
  private static final String FILE_NAME = Journal.FILE_NAME;

  private JournalChecks() {}

  /** Streams the intact records to {@code sink}; see {@link Journal#forEachRecord}. */
  static void forEachRecord(Path dir, Consumer<JournalRecord> sink) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return;
    }
    Verification v;
    try {
      v = JournalScanner.scan(dir, sink).verification();
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal " + file, e);
    }
    if (!v.valid() && v.problem() != null && v.problem().startsWith(JournalScanner.TOO_LONG)) {
      throw new CorruptDataException(file, -1, "line " + v.firstBadLine() + ": " + v.problem());
    }
  }

  /** Verifies the chain, and that a record has hash {@code expectHead} when given. */
  static Verification verify(Path dir, @Nullable String expectHead) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isDirectory(dir)) {
      throw new NotFoundException("journal directory " + dir + " does not exist");
    }
    String[] seen = {null};
    JournalScanner.Scan scan;
    try {
      scan =
          JournalScanner.scan(
              dir,
              expectHead == null
                  ? null
                  : r -> {
                    if (r.hash().equalsIgnoreCase(expectHead)) {
                      seen[0] = r.hash();
                    }
                  });
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal " + file, e);
    }
    Verification v = scan.verification();
    if (v.valid() && expectHead != null && seen[0] == null) {
      return new Verification(
          false,
          v.records(),
          v.records() + 1,
          "no record has the expected head "
              + expectHead
              + ": records were cut off or the chain was recomputed",
          v.continuesFrom(),
          v.lastHash());
    }
    return v;
  }

  /**
   * Why the journal does not hold {@code head}, or {@code null}; see {@link Journal#problemWith}.
   */
  static @Nullable String problemWith(Path dir, Head head) {
    long[] index = {0};
    String[] hash = {null};
    Verification v;
    try {
      v =
          JournalScanner.scan(
                  dir,
                  r -> {
                    if (++index[0] == head.records()) {
                      hash[0] = r.hash();
                    }
                  })
              .verification();
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal " + dir.resolve(FILE_NAME), e);
    }
    if (!v.valid()) {
      return "the journal is broken at line " + v.firstBadLine() + ": " + v.problem();
    }
    if (head.records() == 0) {
      return null;
    }
    if (hash[0] == null) {
      return "the journal has "
          + v.records()
          + " records, fewer than the "
          + head.records()
          + " sealed: records were cut off";
    }
    if (!hash[0].equalsIgnoreCase(head.lastHash())) {
      return "record "
          + head.records()
          + " has hash "
          + hash[0]
          + ", not the sealed "
          + head.lastHash()
          + ": the chain was rewritten";
    }
    return null;
  }

  /** The head after checking the journal; see {@link Journal#head(Path)}. */
  static Head head(Path dir) {
    Verification v = verify(dir, null);
    if (!v.valid()) {
      throw new CheckFailedException(
          dir.resolve(FILE_NAME)
              + " line "
              + v.firstBadLine()
              + ": "
              + v.problem()
              + "; a broken journal cannot be sealed or anchored");
    }
    return new Head(v.records(), v.lastHash());
  }
}
