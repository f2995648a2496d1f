package io.cloudimage.core.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.StrictJson;
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
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * <p>One writer at a time: an open journal holds an OS lock on its directory (see {@link
 * #open(Path, Clock, Duration)}). After every append the head file ({@value #HEAD_FILE}: record
 * count and last hash) is replaced atomically, so records cut off the end are found by {@link
 * #verify}. Reading and verifying stream the file with a fixed buffer; a record longer than {@value
 * #MAX_RECORD_BYTES} bytes is corrupt.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir, Clock.systemUTC())) {
 *   journal.append("NOTE", r -> r.put("text", "hello"));
 * }
 * Verification v = Journal.verify(dir); // v.valid(), v.firstBadLine()
 * }</pre>
 *
 * <p>Reading back and verifying is in {@code JournalScanner} and {@code JournalChecks}, the choice
 * of records a retention drops in {@code Retention}; this class writes, rotates and reports the
 * head. It is over 400 lines because it is the journal's whole public face, each reading entry
 * point documented beside the writer whose guarantees it checks.
 */
public final class Journal implements AutoCloseable {
  /** The journal file's name inside its directory. */
  public static final String FILE_NAME = "journal.jsonl";

  /** The head file's name inside the journal directory. */
  public static final String HEAD_FILE = "head.json";

  /** The longest record line accepted, in bytes; a longer one is corrupt. */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  /** The {@code prev} of the first record of a new chain. */
  public static final String GENESIS = "0".repeat(64);

  /** How long {@link #open(Path, Clock)} waits for another writer to finish. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

  static final String HASH_FIELD = ",\"hash\":\"";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Path dir;
  private final Path file;
  private final Clock clock;
  private final JournalLock lock;
  private FileChannel channel;
  private String lastHash;
  private long lastSeq;
  private long count;

  private Journal(Path dir, Clock clock, JournalLock lock, JournalScanner.Scan scan)
      throws IOException {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.clock = clock;
    this.lock = lock;
    this.lastHash = scan.verification().lastHash();
    this.lastSeq = scan.lastSeq();
    this.count = scan.verification().records();
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens (creating when needed) the journal in {@code dir} for appending, waiting up to {@link
   * #DEFAULT_LOCK_WAIT} for another writer. A torn last line is cut off and recorded.
   *
   * @throws AccessDeniedException when the directory or file cannot be written
   * @throws CheckFailedException when the chain is broken (an edited, reordered or removed record,
   *     or records cut off the end), naming the first bad line
   * @throws io.cloudimage.core.error.ConflictException when another writer keeps it locked
   */
  public static Journal open(Path dir, Clock clock) {
    return open(dir, clock, DEFAULT_LOCK_WAIT);
  }

  /**
   * Opens the journal in {@code dir} for appending, holding its lock until {@link #close()}: a
   * second writer, in this process or another, waits up to {@code lockWait} and then fails.
   *
   * @throws io.cloudimage.core.error.ConflictException when another writer holds the lock for
   *     longer than {@code lockWait}
   * @see #open(Path, Clock)
   */
  public static Journal open(Path dir, Clock clock, Duration lockWait) {
    requireWritable(dir);
    Path file = dir.resolve(FILE_NAME);
    JournalLock lock = JournalLock.acquire(dir, lockWait);
    try {
      JournalScanner.Torn torn = JournalScanner.cutTornTail(file);
      JournalScanner.Scan scan = JournalScanner.scan(dir, null);
      Verification v = scan.verification();
      if (!v.valid()) {
        throw new CheckFailedException(
            file
                + " line "
                + v.firstBadLine()
                + ": "
                + v.problem()
                + "; the journal was changed outside cloudimage, refusing to append to it");
      }
      Journal j = new Journal(dir, clock, lock, scan);
      if (torn != null) {
        j.append(
            "TORN_TAIL",
            r -> {
              r.put("bytes", torn.length());
              r.put("sha256", torn.sha256());
              r.put("note", "an incomplete last line (a write cut short by a crash) was removed");
            });
      } else {
        j.writeHead();
      }
      return j;
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("opening journal " + file, e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
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

  /**
   * Reads the records of the journal in {@code dir} without changing anything. Holds them all in
   * memory: use {@link #forEachRecord} for a journal of any size.
   */
  public static List<JournalRecord> readRecords(Path dir) {
    List<JournalRecord> out = new ArrayList<>();
    forEachRecord(dir, out::add);
    return out;
  }

  /**
   * Streams the intact records of the journal in {@code dir}, oldest first, to {@code sink}, with a
   * fixed buffer whatever the journal's size. Stops at the first bad record.
   *
   * @throws CorruptDataException when a record line is longer than {@link #MAX_RECORD_BYTES}
   */
  public static void forEachRecord(Path dir, Consumer<JournalRecord> sink) {
    JournalChecks.forEachRecord(dir, sink);
  }

  /**
   * Checks the journal in {@code dir}: every record's hash, every record's link to the one before,
   * the sequence, and that no record was cut off the end (against the head file). A torn last line
   * counts as bad (run {@link #open} to repair it). Streams the file, whatever its size.
   *
   * @throws NotFoundException when the directory does not exist
   */
  public static Verification verify(Path dir) {
    return verify(dir, null);
  }

  /**
   * Checks the journal as {@link #verify(Path)} does, and also that it holds a record with hash
   * {@code expectHead}: a head kept elsewhere as an anchor, so that a journal cut back, or
   * rewritten with a recomputed chain, is found even when its head file was replaced too.
   */
  public static Verification verify(Path dir, @Nullable String expectHead) {
    return JournalChecks.verify(dir, expectHead);
  }

  /**
   * The head of the journal in {@code dir} after checking it: what a seal or an anchor quotes.
   *
   * @throws CheckFailedException when the journal does not verify
   */
  public static Head head(Path dir) {
    return JournalChecks.head(dir);
  }

  /**
   * Why the journal in {@code dir} does not hold {@code head} (record number {@code head.records()}
   * with hash {@code head.lastHash()}), or {@code null} when it does. Checks a sealed checkpoint
   * against the journal as it is now.
   */
  public static @Nullable String problemWith(Path dir, Head head) {
    return JournalChecks.problemWith(dir, head);
  }

  /** The records written so far, oldest first, read back from the file. */
  public synchronized List<JournalRecord> records() {
    return readRecords(dir);
  }

  /** The hash of the last record. */
  public synchronized String lastHash() {
    return lastHash;
  }

  /** The head: how many records the file holds and the last hash. */
  public synchronized Head head() {
    return new Head(count, lastHash);
  }

  /**
   * Appends a record and fsyncs it, then replaces the head file.
   *
   * @param type what the record records
   * @param fields puts the record's own fields
   * @return the record written
   */
  public synchronized JournalRecord append(String type, Consumer<JournalEntry> fields) {
    ObjectNode r = F.objectNode();
    long seq = lastSeq + 1;
    Instant time = clock.instant();
    r.put("seq", seq);
    r.put("time", time.toString());
    r.put("type", type);
    ObjectNode own = F.objectNode();
    fields.accept(new JournalEntry(own));
    for (String reserved : List.of("seq", "time", "type", "prev", "hash")) {
      own.remove(reserved);
    }
    r.setAll(own);
    r.put("prev", lastHash);
    JournalRecord rec = write(r, seq, time, type);
    writeHead();
    return rec;
  }

  private void writeHead() {
    ObjectNode h = F.objectNode();
    h.put("records", count);
    h.put("lastHash", lastHash);
    JsonFiles.writeAtomically(dir.resolve(HEAD_FILE), h);
  }

  private JournalRecord write(ObjectNode r, long seq, Instant time, String type) {
    String body;
    try {
      body = StrictJson.mapper().writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String hash = sha256(body);
    String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          type + " record of " + bytes.length + " bytes is over " + MAX_RECORD_BYTES);
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("appending to journal " + file, e);
    }
    r.put("hash", hash);
    count++;
    JournalRecord rec = new JournalRecord(count, seq, time, type, r, hash);
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
    List<JournalRecord> records = readRecords(dir);
    List<JournalRecord> kept = Retention.kept(records, imageRecords, snapshotRecords, now);
    int dropped = records.size() - kept.size();
    if (dropped == 0) {
      return 0;
    }
    String continuesFrom = lastHash;
    long seqBefore = lastSeq;
    Path tmp = dir.resolve(FILE_NAME + ".cut.tmp");
    try {
      channel.close();
      count = 0;
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
        Iterator<Map.Entry<String, JsonNode>> it = old.tree().fields();
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
      writeHead();
      return dropped;
    } catch (IOException e) {
      throw new UncheckedIOException("cutting journal " + file, e);
    }
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  /** Closes the file and releases the lock. */
  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.close();
    }
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
