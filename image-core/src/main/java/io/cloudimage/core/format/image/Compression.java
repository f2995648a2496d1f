package io.cloudimage.core.format.image;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ForwardingDisk;
import io.cloudimage.core.format.internal.ImageFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZUtils;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/**
 * A compression wrapping a whole image file. The formats need random access, so a compressed image
 * is streamed once into a temporary file, kept sparse by not writing runs of zeros.
 */
enum Compression {
  NONE(new byte[0]),
  GZIP(new byte[] {0x1f, (byte) 0x8b}),
  XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
  ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

  private static final int CHUNK = 64 * 1024;
  private final byte[] magic;

  Compression(byte[] magic) {
    this.magic = magic;
  }

  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Compression detect(Path file) {
    try (ImageFile f = ImageFile.open(file)) {
      ByteBuffer head = ByteBuffer.allocate(6);
      int n = f.readSome(0, head);
      for (Compression c : List.of(GZIP, XZ, ZSTD)) {
        if (n >= c.magic.length
            && java.util.Arrays.equals(
                head.array(), 0, c.magic.length, c.magic, 0, c.magic.length)) {
          return c;
        }
      }
      return NONE;
    }
  }

  VirtualDisk open(Path file, Function<Path, VirtualDisk> opener) {
    Path temp = decompress(file);
    try {
      return new TemporaryDisk(opener.apply(temp), temp);
    } catch (RuntimeException e) {
      delete(temp);
      throw e;
    }
  }

  Inspection inspect(Path file, Function<Path, Inspection> inspector) {
    Path temp = decompress(file);
    try {
      long size = Files.size(file);
      return inspector.apply(temp).compressedWith(id(), size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(temp);
    }
  }

  private InputStream stream(Path file, InputStream raw) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPInputStream(raw, CHUNK);
      case XZ -> {
        if (!XZUtils.isXZCompressionAvailable()) {
          throw new InvalidInputException(
              file
                  + " is xz-compressed and the xz library"
                  + " (org.tukaani:xz) is not on the class path; decompress it with unxz first");
        }
        yield new XZCompressorInputStream(raw);
      }
      case ZSTD -> {
        if (!ZstdUtils.isZstdCompressionAvailable()) {
          throw new InvalidInputException(
              file
                  + " is zstd-compressed and zstd-jni is not on"
                  + " the class path; decompress it with unzstd first");
        }
        yield new ZstdCompressorInputStream(raw);
      }
      case NONE -> raw;
    };
  }

  private Path decompress(Path file) {
    Path temp;
    try {
      temp = Files.createTempFile("cloudimage-", ".img");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file to decompress " + file, e);
    }
    long pos = 0;
    try (InputStream in = stream(file, new BufferedInputStream(Files.newInputStream(file), CHUNK));
        FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[CHUNK];
      while (true) {
        int n = in.readNBytes(buf, 0, CHUNK);
        if (n <= 0) {
          break;
        }
        if (!allZero(buf, n)) {
          ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
          long p = pos;
          while (b.hasRemaining()) {
            p += out.write(b, p);
          }
        }
        pos += n;
      }
      out.truncate(pos);
      if (out.size() < pos) {
        out.write(ByteBuffer.allocate(1), pos - 1);
      }
      return temp;
    } catch (IOException | RuntimeException e) {
      delete(temp);
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException(
          file
              + ": the "
              + id()
              + " stream is damaged after "
              + pos
              + " decompressed bytes: "
              + e.getMessage(),
          e);
    }
  }

  private static boolean allZero(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void delete(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // best effort: it is in the temporary folder
    }
  }

  /** A disk read from a temporary decompressed copy, removed on close. */
  private static final class TemporaryDisk extends ForwardingDisk {
    private final Path temp;

    TemporaryDisk(VirtualDisk disk, Path temp) {
      super(disk);
      this.temp = temp;
    }

    @Override
    public void close() {
      try {
        disk.close();
      } finally {
        delete(temp);
      }
    }
  }
}
