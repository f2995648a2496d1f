package io.cloudimage.core.delta;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A delta file, checked whole on opening: its header parses, its trailer is there and the SHA-256
 * in the trailer matches the bytes before it, so that a truncated or damaged delta is refused
 * before any of it is used.
 *
 * <pre>{@code
 * DeltaFile delta = DeltaFile.open(Path.of("hourly-0900.cidelta"));
 * for (ChangedBlock b : delta.changedBlocks()) {
 *   upload(b.index(), b.zero() ? null : readTarget(b.offset(), b.length()));
 * }
 * }</pre>
 */
public final class DeltaFile {
  private final Path file;
  private final DeltaHeader header;
  private final DeltaInfo info;

  private DeltaFile(Path file, DeltaHeader header, DeltaInfo info) {
    this.file = file;
    this.header = header;
    this.info = info;
  }

  /**
   * Opens and checks a delta.
   *
   * @throws InvalidInputException when the file is missing or unreadable
   * @throws CorruptDataException when it is truncated, damaged or not a delta, naming the offset
   */
  public static DeltaFile open(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(DeltaHeader.SIZE);
      readFully(ch, head, 0);
      DeltaHeader header = DeltaHeader.decode(file, head.flip());
      if (size < DeltaHeader.SIZE + DeltaHeader.TRAILER_SIZE) {
        throw new CorruptDataException(file, size, "truncated: the delta has no trailer");
      }
      ByteBuffer trailer = ByteBuffer.allocate(DeltaHeader.TRAILER_SIZE);
      long trailerAt = size - DeltaHeader.TRAILER_SIZE;
      readFully(ch, trailer, trailerAt);
      trailer.flip();
      int end = trailer.get();
      long records = trailer.getLong();
      long changedBytes = trailer.getLong();
      byte[] magic = new byte[DeltaHeader.TRAILER_MAGIC.length];
      trailer.get(magic);
      byte[] digest = new byte[32];
      trailer.get(digest);
      if (end != DeltaHeader.RECORD_END || !Arrays.equals(magic, DeltaHeader.TRAILER_MAGIC)) {
        throw new CorruptDataException(
            file, trailerAt, "truncated or damaged: the delta does not end with its trailer");
      }
      byte[] actual = DeltaWriter.digest(ch, size - 32);
      if (!MessageDigest.isEqual(actual, digest)) {
        throw new CorruptDataException(
            file,
            size - 32,
            "damaged: the SHA-256 of the delta is "
                + DeltaHeader.hex(actual)
                + " but its trailer records "
                + DeltaHeader.hex(digest)
                + "; fetch the delta again");
      }
      DeltaInfo info =
          new DeltaInfo(
              header.mode(),
              header.blockSize(),
              header.baseSize(),
              header.targetSize(),
              DeltaHeader.hex(header.baseDigest()),
              DeltaHeader.hex(header.targetDigest()),
              header.created(),
              records,
              changedBytes,
              size);
      return new DeltaFile(file, header, info);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
    long pos = at;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        return; // short: the caller's length checks report it
      }
      pos += n;
    }
  }

  /** The file this delta was read from. */
  public Path file() {
    return file;
  }

  /** What the header and trailer say. */
  public DeltaInfo info() {
    return info;
  }

  DeltaHeader header() {
    return header;
  }

  /**
   * The blocks a block-mode delta changes, in ascending order: exactly what a block store's upload
   * needs. Unchanged blocks are absent.
   *
   * @throws InvalidInputException for a CDC delta, which has no fixed blocks
   */
  public List<ChangedBlock> changedBlocks() {
    if (header.mode() != DeltaMode.BLOCK) {
      throw new InvalidInputException(
          file + " is a cdc delta: it has no block list; create it with --mode block");
    }
    List<ChangedBlock> blocks = new ArrayList<>();
    try (Records records = records()) {
      int bs = header.blockSize();
      for (DeltaRecord r = records.next(); r != null; r = records.next()) {
        // A zero record may cover several blocks.
        for (long at = r.offset(); at < r.offset() + r.length(); at += bs) {
          int length = (int) Math.min(bs, r.offset() + r.length() - at);
          blocks.add(new ChangedBlock(at / bs, at, length, r.type() == DeltaHeader.RECORD_ZERO));
        }
      }
    }
    return blocks;
  }

  /** Reads the records in order, checking each against the header. */
  Records records() {
    try {
      InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ));
      return new Records(new DataInputStream(new BufferedInputStream(in, 1 << 20)));
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The records of the delta, one at a time; payload arrays are reused between records. */
  final class Records implements AutoCloseable {
    private final DataInputStream in;
    private final byte[] payload;
    private long position;
    private long expected;
    private boolean ended;

    Records(DataInputStream in) throws IOException {
      this.in = in;
      this.payload = new byte[Zstd.bound(header.maxRecordLength())];
      in.skipNBytes(DeltaHeader.SIZE);
      position = DeltaHeader.SIZE;
    }

    /**
     * The next record, or {@code null} after the last.
     *
     * @throws CorruptDataException when a record does not fit the header
     */
    @Nullable DeltaRecord next() {
      if (ended) {
        return null;
      }
      long at = position;
      try {
        int type = in.readUnsignedByte();
        position++;
        if (type == DeltaHeader.RECORD_END) {
          ended = true;
          if (header.mode() == DeltaMode.CDC && expected != header.targetSize()) {
            throw corrupt(at, "the records cover " + expected + " of " + header.targetSize());
          }
          return null;
        }
        long offset = readLong();
        DeltaRecord r =
            switch (type) {
              case DeltaHeader.RECORD_XOR, DeltaHeader.RECORD_DATA -> {
                int length = readInt();
                int packed = readInt();
                if (length <= 0
                    || length > header.maxRecordLength()
                    || packed <= 0
                    || packed > payload.length) {
                  throw corrupt(at, "record lengths " + length + "/" + packed + " out of range");
                }
                in.readFully(payload, 0, packed);
                position += packed;
                yield new DeltaRecord(type, at, offset, length, 0, payload, packed);
              }
              case DeltaHeader.RECORD_ZERO ->
                  new DeltaRecord(type, at, offset, readLong(), 0, payload, 0);
              case DeltaHeader.RECORD_COPY -> {
                long base = readLong();
                long length = readLong();
                if (base < 0
                    || length < 0
                    || base + length > header.baseSize()
                    || base + length < 0) {
                  throw corrupt(
                      at,
                      "copy of "
                          + length
                          + " bytes at base offset "
                          + base
                          + " is outside the base");
                }
                yield new DeltaRecord(type, at, offset, length, base, payload, 0);
              }
              default -> throw corrupt(at, "unknown record type " + type);
            };
        check(r);
        return r;
      } catch (EOFException e) {
        throw new CorruptDataException(file, position, "truncated inside a record", e);
      } catch (IOException e) {
        throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
      }
    }

    private void check(DeltaRecord r) {
      boolean block = header.mode() == DeltaMode.BLOCK;
      if (r.length() <= 0
          || r.offset() < expected
          || r.offset() + r.length() > header.targetSize()) {
        throw corrupt(
            r.fileOffset(),
            "record for target bytes "
                + r.offset()
                + "+"
                + r.length()
                + " is out of order or outside the target");
      }
      if (block
          ? (r.offset() % header.blockSize() != 0
              || r.type() == DeltaHeader.RECORD_COPY
              || r.type() == DeltaHeader.RECORD_DATA)
          : (r.offset() != expected || r.type() == DeltaHeader.RECORD_XOR)) {
        throw corrupt(
            r.fileOffset(),
            "record type "
                + r.type()
                + " at target offset "
                + r.offset()
                + " does not fit a "
                + header.mode().id()
                + " delta");
      }
      if (block
          && r.type() == DeltaHeader.RECORD_XOR
          && r.length() != Math.min(header.blockSize(), header.targetSize() - r.offset())) {
        throw corrupt(r.fileOffset(), "block record of " + r.length() + " bytes is not one block");
      }
      expected = r.offset() + r.length();
    }

    private long readLong() throws IOException {
      position += 8;
      return in.readLong();
    }

    private int readInt() throws IOException {
      position += 4;
      return in.readInt();
    }

    private CorruptDataException corrupt(long at, String problem) {
      return new CorruptDataException(file, at, problem);
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": close failed", e);
      }
    }
  }
}
