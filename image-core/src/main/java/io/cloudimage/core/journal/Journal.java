package io.cloudimage.core.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An append-only, hash-chained audit journal in a directory ({@value #FILE_NAME}).
 *
 * <p>Each line is one compact JSON record: {@code seq}, {@code time}, {@code type}, the record's
 * own fields, {@code prev} (the hash of the record before, {@link #GENESIS} for the first) and last
 * {@code hash}, the SHA-256 of the line up to {@code hash} (closed with {@code }}). Every append is
 * written in one call and fsync'd before {@link #append} returns. Opening a journal checks its
 * chain, and a last line torn by a crash is cut off and the cut recorded as a {@code TORN_TAIL}
 * record. Thread-safe.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir, Clock.systemUTC())) {
 *   journal.append("NOTE", r -> r.put("text", "hello"));
 * }
 * Verification v = Journal.verify(dir); // v.valid(), v.firstBadLine()
 * }</pre>
 */
public final class Journal implements AutoCloseable {
  /** The journal file's name inside its directory. */
  public static final String FILE_NAME = "journal.jsonl";

  /** The {@code prev} of the first record of a new chain. */
  public static final String GENESIS = "0".repeat(64);

  private static final String HASH_FIELD = ",\"hash\":\"";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Path dir;
  private final Path file;
  private final Clock clock;
  private final List<JournalRecord> records;
  private FileChannel channel;
  private String lastHash;
  private long lastSeq;

  private Journal(Path dir, Clock clock, List<JournalRecord> records, String lastHash)
      throws IOException {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.clock = clock;
    this.records = new ArrayList<>(records);
    this.lastHash = lastHash;
    this.lastSeq = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens (creating when needed) the journal in {@code dir} for appending. A torn last line is cut
   * off and recorded.
   *
   * @throws AccessDeniedException when the directory or file cannot be written
   * @throws CheckFailedException when the chain is broken (an edited, reordered or removed record),
   *     naming the first bad line
   */
  public static Journal open(Path dir, Clock clock) {
    requireWritable(dir);
    Path file = dir.resolve(FILE_NAME);
    try {
      Torn torn = cutTornTail(file);
      Read read = read(file);
      if (!read.verification.valid()) {
        throw new CheckFailedException(
            file
                + " line "
                + read.verification.firstBadLine()
                + ": "
                + read.verification.problem()
                + "; the journal was changed outside cloudimage, refusing to append to it");
      }
      Journal j = new Journal(dir, clock, read.records, read.verification.lastHash());
      if (torn != null) {
        j.append(
            "TORN_TAIL",
            r -> {
              r.put("bytes", torn.length);
              r.put("sha256", torn.sha256);
              r.put("note", "an incomplete last line (a write cut short by a crash) was removed");
            });
      }
      return j;
    } catch (IOException e) {
      throw new UncheckedIOException("opening journal " + file, e);
    }
  }

  /**
   * Checks that {@code dir} can hold a journal: creates it when missing, and fails unless a file
   * can be created and written there.
   *
   * @throws AccessDeniedException naming the directory
   */
  public static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".probe", ".tmp");
      Files.delete(probe);
      Path file = dir.resolve(FILE_NAME);
      if (Files.exists(file) && !Files.isWritable(file)) {
        throw new AccessDeniedException(file + " cannot be written; choose another --journal");
      }
    } catch (IOException e) {
      throw new AccessDeniedException(
          "journal directory " + dir + " cannot be written (" + e + "); choose another --journal",
          e);
    }
  }

  /** Reads the records of the journal in {@code dir} without changing anything. */
  public static List<JournalRecord> readRecords(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return read(file).records;
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal " + file, e);
    }
  }

  /**
   * Checks the hash chain of the journal in {@code dir}: every record's hash, every record's link
   * to the one before, and the sequence. A torn last line counts as bad (run {@link #open} to
   * repair it).
   */
  public static Verification verify(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      if (Files.isDirectory(dir)) {
        return new Verification(true, 0, 0, null, null, GENESIS);
      }
      throw new io.cloudimage.core.error.NotFoundException(
          "journal directory " + dir + " does not exist");
    }
    try {
      return read(file).verification;
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal " + file, e);
    }
  }

  private record Read(List<JournalRecord> records, Verification verification) {}

  private record Torn(long length, String sha256) {}

  private static Read read(Path file) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Read(out, new Verification(true, 0, 0, null, null, GENESIS));
    }
    byte[] all = Files.readAllBytes(file);
    String prev = GENESIS;
    String continuesFrom = null;
    long expectSeq = -1;
    int start = 0;
    long line = 0;
    while (start < all.length) {
      line++;
      int end = start;
      while (end < all.length && all[end] != '\n') {
        end++;
      }
      String text = new String(all, start, end - start, StandardCharsets.UTF_8);
      if (end == all.length) {
        return bad(out, line, "incomplete last line (torn write)", continuesFrom, prev);
      }
      start = end + 1;
      int at = text.lastIndexOf(HASH_FIELD);
      if (at < 0 || !text.endsWith("\"}") || text.length() - at != HASH_FIELD.length() + 64 + 2) {
        return bad(out, line, "record has no hash", continuesFrom, prev);
      }
      String claimed = text.substring(at + HASH_FIELD.length(), text.length() - 2);
      String body = text.substring(0, at) + "}";
      if (!sha256(body).equals(claimed)) {
        return bad(out, line, "record was changed (its hash does not match)", continuesFrom, prev);
      }
      JsonNode node;
      try {
        node = ImageJson.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        return bad(out, line, "record is not JSON", continuesFrom, prev);
      }
      String type = node.path("type").asText("");
      String recordPrev = node.path("prev").asText("");
      long seq = node.path("seq").asLong(-1);
      if (line == 1 && type.equals("CUT")) {
        continuesFrom = recordPrev;
      } else if (!recordPrev.equals(prev)) {
        return bad(
            out,
            line,
            "chain broken: record does not follow the one before (a record was removed,"
                + " reordered or inserted)",
            continuesFrom,
            prev);
      }
      if (expectSeq >= 0 && seq != expectSeq) {
        return bad(
            out,
            line,
            "sequence " + seq + " where " + expectSeq + " was expected",
            continuesFrom,
            prev);
      }
      expectSeq = seq + 1;
      Instant time;
      try {
        time = Instant.parse(node.path("time").asText(""));
      } catch (java.time.format.DateTimeParseException e) {
        return bad(out, line, "record has no valid time", continuesFrom, prev);
      }
      out.add(new JournalRecord(line, seq, time, type, node, claimed));
      prev = claimed;
    }
    return new Read(out, new Verification(true, out.size(), 0, null, continuesFrom, prev));
  }

  private static Read bad(
      List<JournalRecord> out,
      long line,
      String problem,
      @Nullable String continuesFrom,
      String prev) {
    return new Read(out, new Verification(false, out.size(), line, problem, continuesFrom, prev));
  }

  /** Cuts an incomplete last line off the file, returning what was cut, or {@code null}. */
  private static @Nullable Torn cutTornTail(Path file) throws IOException {
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
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep == size) {
        return null;
      }
      ByteBuffer tail = ByteBuffer.allocate((int) (size - keep));
      ch.read(tail, keep);
      ch.truncate(keep);
      ch.force(true);
      return new Torn(size - keep, HexFormat.of().formatHex(digest().digest(tail.array())));
    }
  }

  /** The records read and written so far, oldest first. */
  public synchronized List<JournalRecord> records() {
    return Collections.unmodifiableList(new ArrayList<>(records));
  }

  /** The hash of the last record. */
  public synchronized String lastHash() {
    return lastHash;
  }

  /**
   * Appends a record and fsyncs it.
   *
   * @param type what the record records
   * @param fields puts the record's own fields
   * @return the record written
   */
  public synchronized JournalRecord append(
      String type, java.util.function.Consumer<ObjectNode> fields) {
    ObjectNode r = F.objectNode();
    long seq = lastSeq + 1;
    Instant time = clock.instant();
    r.put("seq", seq);
    r.put("time", time.toString());
    r.put("type", type);
    ObjectNode own = F.objectNode();
    fields.accept(own);
    for (String reserved : List.of("seq", "time", "type", "prev", "hash")) {
      own.remove(reserved);
    }
    r.setAll(own);
    r.put("prev", lastHash);
    return write(r, seq, time, type);
  }

  private JournalRecord write(ObjectNode r, long seq, Instant time, String type) {
    String body;
    try {
      body = ImageJson.MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String hash = sha256(body);
    String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
    try {
      ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("appending to journal " + file, e);
    }
    r.put("hash", hash);
    JournalRecord rec = new JournalRecord(records.size() + 1L, seq, time, type, r, hash);
    records.add(rec);
    lastHash = hash;
    lastSeq = seq;
    return rec;
  }

  /**
   * Drops records past their retention, keeping the chain verifiable: the journal is rewritten
   * (atomically) as a {@code CUT} record carrying the hash it continues from, followed by the kept
   * records re-chained, each with its {@code originalSeq} and {@code originalHash}.
   *
   * <p>Records of one operation ({@code op} field) go together, and only when the operation has an
   * outcome and its last record is older than the retention of its kind ({@code kind} field: {@code
   * SNAPSHOT} uses {@code snapshotRecords}, everything else {@code imageRecords}). Records outside
   * any operation use {@code imageRecords}.
   *
   * @return the number of records dropped
   */
  public synchronized int applyRetention(Duration imageRecords, Duration snapshotRecords) {
    Instant now = clock.instant();
    Map<String, Instant> lastOfOp = new HashMap<>();
    Map<String, Boolean> settled = new HashMap<>();
    Map<String, String> kindOfOp = new HashMap<>();
    for (JournalRecord r : records) {
      String op = r.text("op");
      if (op != null) {
        lastOfOp.merge(op, r.time(), (a, b) -> a.isAfter(b) ? a : b);
        settled.put(op, !r.type().equals("INTENT"));
        String kind = r.text("kind");
        if (kind != null) {
          kindOfOp.put(op, kind);
        }
      }
    }
    Function<JournalRecord, Boolean> drop =
        r -> {
          String op = r.text("op");
          if (op == null) {
            return r.time().plus(imageRecords).isBefore(now);
          }
          Duration keep = "SNAPSHOT".equals(kindOfOp.get(op)) ? snapshotRecords : imageRecords;
          Instant last = lastOfOp.getOrDefault(op, r.time());
          return Boolean.TRUE.equals(settled.get(op)) && last.plus(keep).isBefore(now);
        };
    List<JournalRecord> kept = new ArrayList<>();
    int dropped = 0;
    for (JournalRecord r : records) {
      if (drop.apply(r)) {
        dropped++;
      } else {
        kept.add(r);
      }
    }
    if (dropped == 0) {
      return 0;
    }
    String continuesFrom = lastHash;
    long seqBefore = lastSeq;
    Path tmp = dir.resolve(FILE_NAME + ".cut.tmp");
    try {
      channel.close();
      records.clear();
      Files.deleteIfExists(tmp);
      channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lastSeq = seqBefore;
      ObjectNode cut = F.objectNode();
      long seq = ++lastSeq;
      cut.put("seq", seq);
      cut.put("time", now.toString());
      cut.put("type", "CUT");
      cut.put("continuesFrom", continuesFrom);
      cut.put("dropped", dropped);
      cut.put("kept", kept.size());
      cut.put("imageRecords", imageRecords.toString());
      cut.put("snapshotRecords", snapshotRecords.toString());
      cut.put("prev", continuesFrom);
      write(cut, seq, now, "CUT");
      for (JournalRecord old : kept) {
        ObjectNode r = F.objectNode();
        long s = ++lastSeq;
        r.put("seq", s);
        r.put("time", old.time().toString());
        r.put("type", old.type());
        Iterator<Map.Entry<String, JsonNode>> it = old.fields().fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!List.of("seq", "time", "type", "prev", "hash", "originalSeq", "originalHash")
              .contains(e.getKey())) {
            r.set(e.getKey(), e.getValue());
          }
        }
        r.put("originalSeq", old.seq());
        r.put("originalHash", old.hash());
        r.put("prev", lastHash);
        write(r, s, old.time(), old.type());
      }
      channel.force(true);
      channel.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      JsonFiles.fsyncDirectory(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      List<JournalRecord> reread = read(file).records;
      records.clear();
      records.addAll(reread);
      return dropped;
    } catch (IOException e) {
      throw new UncheckedIOException("cutting journal " + file, e);
    }
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
