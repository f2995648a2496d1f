package io.cloudimage.core.delta;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes a delta file: into a temporary file beside the destination, records in target order, then
 * the header (whose digests are known only at the end), the trailer and its digest of everything
 * before it; the file gets its name only when complete.
 */
final class DeltaWriter implements AutoCloseable {
  private final Path destination;
  private final Path temporary;
  private final DataOutputStream out;
  private long records;
  private long changedBytes;
  private boolean finished;

  DeltaWriter(Path destination) {
    this.destination = destination;
    try {
      this.temporary = Partial.beside(destination);
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20));
      out.write(new byte[DeltaHeader.SIZE]); // written for real by finish()
    } catch (IOException e) {
      throw new UncheckedIOException(destination + ": cannot write the delta", e);
    }
  }

  /** A changed block: its XOR with the base block, compressed. */
  void xor(long offset, int length, byte[] compressed, int compressedLength) throws IOException {
    out.writeByte(DeltaHeader.RECORD_XOR);
    out.writeLong(offset);
    out.writeInt(length);
    out.writeInt(compressedLength);
    out.write(compressed, 0, compressedLength);
    count(length);
  }

  /** Target bytes that are all zeros. */
  void zero(long offset, long length) throws IOException {
    out.writeByte(DeltaHeader.RECORD_ZERO);
    out.writeLong(offset);
    out.writeLong(length);
    count(length);
  }

  /** New target bytes, compressed. */
  void data(long offset, int length, byte[] compressed, int compressedLength) throws IOException {
    out.writeByte(DeltaHeader.RECORD_DATA);
    out.writeLong(offset);
    out.writeInt(length);
    out.writeInt(compressedLength);
    out.write(compressed, 0, compressedLength);
    count(length);
  }

  /** Target bytes found in the base. */
  void copy(long offset, long baseOffset, long length) throws IOException {
    out.writeByte(DeltaHeader.RECORD_COPY);
    out.writeLong(offset);
    out.writeLong(baseOffset);
    out.writeLong(length);
    records++;
  }

  private void count(long length) {
    records++;
    changedBytes += length;
  }

  /** Completes the file with {@code header} and gives it its name; returns what it holds. */
  DeltaInfo finish(DeltaHeader header) {
    try {
      out.writeByte(DeltaHeader.RECORD_END);
      out.writeLong(records);
      out.writeLong(changedBytes);
      out.write(DeltaHeader.TRAILER_MAGIC);
      out.close();
      long size;
      try (FileChannel ch =
          FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ch.write(header.encode(), 0);
        byte[] digest = digest(ch, ch.size());
        ch.write(ByteBuffer.wrap(digest), ch.size());
        ch.force(true);
        size = ch.size();
      }
      Files.move(
          temporary,
          destination,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      finished = true;
      return new DeltaInfo(
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
    } catch (IOException e) {
      throw new UncheckedIOException(destination + ": cannot write the delta", e);
    }
  }

  /** SHA-256 of the first {@code length} bytes of {@code ch}. */
  static byte[] digest(FileChannel ch, long length) throws IOException {
    MessageDigest sha = Sha256.create();
    ByteBuffer buf = Buffers.aligned(1 << 20);
    long pos = 0;
    while (pos < length) {
      buf.clear();
      if (length - pos < buf.capacity()) {
        buf.limit((int) (length - pos));
      }
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      buf.flip();
      sha.update(buf);
      pos += n;
    }
    return sha.digest();
  }

  /** Removes the temporary file unless the delta was finished. */
  @Override
  public void close() {
    if (!finished) {
      try {
        out.close();
      } catch (IOException e) {
        // the file is removed below either way
      }
      Partial.delete(temporary);
    }
  }
}
