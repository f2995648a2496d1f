package io.cloudimage.core.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.json.internal.StrictJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a journal back: the streaming scan that checks every line's hash chain and the head file,
 * and the cut of a torn last line when a writer opens the journal. {@link Journal} writes; this
 * class only reads (apart from cutting a torn tail, which the writer asks for under its lock).
 */
final class JournalScanner {
  private JournalScanner() {}

  static final String TOO_LONG = "record longer than";

  /** What a scan found: the verification and the last sequence number read. */
  record Scan(Verification verification, long lastSeq) {}

  record Torn(long length, String sha256) {}

  /** What the head file says, or {@code null} when there is none (a journal from before heads). */
  static @Nullable Head readHead(Path dir) {
    Path headFile = dir.resolve(Journal.HEAD_FILE);
    if (!Files.exists(headFile)) {
      return null;
    }
    JsonNode n;
    try {
      n = StrictJson.mapper().readTree(Files.readAllBytes(headFile));
    } catch (IOException e) {
      return new Head(-1, "unreadable");
    }
    if (n == null || !n.path("records").canConvertToLong() || !n.path("lastHash").isTextual()) {
      return new Head(-1, "unreadable");
    }
    return new Head(n.path("records").asLong(), n.path("lastHash").asText());
  }

  /** Reads the journal line by line with a bounded buffer, checking the chain and the head. */
  static Scan scan(Path dir, @Nullable Consumer<JournalRecord> sink) throws IOException {
    Path file = dir.resolve(Journal.FILE_NAME);
    Head head = readHead(dir);
    if (!Files.exists(file)) {
      if (head != null && head.records() > 0) {
        return new Scan(
            new Verification(
                false,
                0,
                1,
                "the journal file is missing but its head file says " + head.records() + " records",
                null,
                Journal.GENESIS),
            0);
      }
      return new Scan(new Verification(true, 0, 0, null, null, Journal.GENESIS), 0);
    }
    String prev = Journal.GENESIS;
    String continuesFrom = null;
    long expectSeq = -1;
    long lastSeq = 0;
    long line = 0;
    long count = 0;
    String hashAtHead = head != null && head.records() == 0 ? Journal.GENESIS : null;
    ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      while (true) {
        buf.reset();
        int b;
        boolean tooLong = false;
        while ((b = in.read()) != -1 && b != '\n') {
          if (buf.size() >= Journal.MAX_RECORD_BYTES) {
            tooLong = true;
            break;
          }
          buf.write(b);
        }
        if (b == -1 && buf.size() == 0) {
          break;
        }
        line++;
        if (tooLong) {
          return bad(
              count,
              line,
              TOO_LONG + " " + Journal.MAX_RECORD_BYTES + " bytes; the journal is corrupt",
              continuesFrom,
              prev,
              lastSeq);
        }
        if (b == -1) {
          return bad(
              count, line, "incomplete last line (torn write)", continuesFrom, prev, lastSeq);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        int at = text.lastIndexOf(Journal.HASH_FIELD);
        if (at < 0
            || !text.endsWith("\"}")
            || text.length() - at != Journal.HASH_FIELD.length() + 64 + 2) {
          return bad(count, line, "record has no hash", continuesFrom, prev, lastSeq);
        }
        String claimed = text.substring(at + Journal.HASH_FIELD.length(), text.length() - 2);
        String body = text.substring(0, at) + "}";
        if (!Journal.sha256(body).equals(claimed)) {
          return bad(
              count,
              line,
              "record was changed (its hash does not match)",
              continuesFrom,
              prev,
              lastSeq);
        }
        JsonNode node;
        try {
          node = StrictJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
          return bad(count, line, "record is not JSON", continuesFrom, prev, lastSeq);
        }
        String type = node.path("type").asText("");
        String recordPrev = node.path("prev").asText("");
        long seq = node.path("seq").asLong(-1);
        if (line == 1 && type.equals("CUT")) {
          continuesFrom = recordPrev;
        } else if (!recordPrev.equals(prev)) {
          return bad(
              count,
              line,
              "chain broken: record does not follow the one before (a record was removed,"
                  + " reordered or inserted)",
              continuesFrom,
              prev,
              lastSeq);
        }
        if (expectSeq >= 0 && seq != expectSeq) {
          return bad(
              count,
              line,
              "sequence " + seq + " where " + expectSeq + " was expected",
              continuesFrom,
              prev,
              lastSeq);
        }
        expectSeq = seq + 1;
        Instant time;
        try {
          time = Instant.parse(node.path("time").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
          return bad(count, line, "record has no valid time", continuesFrom, prev, lastSeq);
        }
        count++;
        lastSeq = seq;
        prev = claimed;
        if (head != null && count == head.records()) {
          hashAtHead = claimed;
        }
        if (sink != null) {
          sink.accept(new JournalRecord(line, seq, time, type, node, claimed));
        }
      }
    }
    if (head != null) {
      // The head is replaced after each append, so the file may be one record ahead of it (a
      // crash between the two), never behind it and never elsewhere.
      boolean matches =
          head.lastHash().equals(hashAtHead)
              && (count == head.records() || count == head.records() + 1);
      if (!matches) {
        return bad(
            count,
            Math.min(count, Math.max(head.records(), 0)) + 1,
            head.records() < 0
                ? "the head file " + Journal.HEAD_FILE + " cannot be read"
                : "the journal ends after "
                    + count
                    + " records but its head file says "
                    + head.records()
                    + " ending in "
                    + head.lastHash()
                    + ": records were cut off the end or the chain was rewritten",
            continuesFrom,
            prev,
            lastSeq);
      }
    }
    return new Scan(new Verification(true, count, 0, null, continuesFrom, prev), lastSeq);
  }

  private static Scan bad(
      long count,
      long line,
      String problem,
      @Nullable String continuesFrom,
      String prev,
      long lastSeq) {
    return new Scan(new Verification(false, count, line, problem, continuesFrom, prev), lastSeq);
  }

  /** Cuts an incomplete last line off the file, returning what was cut, or {@code null}. */
  static @Nullable Torn cutTornTail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return null;
      }
      long keep = size;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (keep > 0 && size - keep <= Journal.MAX_RECORD_BYTES) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep == size || size - keep > Journal.MAX_RECORD_BYTES) {
        // Nothing torn, or a "tail" longer than any record: that is corruption, not a torn write,
        // and verification reports it.
        return null;
      }
      ByteBuffer tail = ByteBuffer.allocate((int) (size - keep));
      ch.read(tail, keep);
      ch.truncate(keep);
      ch.force(true);
      return new Torn(size - keep, HexFormat.of().formatHex(Journal.digest().digest(tail.array())));
    }
  }
}
