package io.cloudimage.core.format.vmdk;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The extents of a descriptor, one after another; a {@code null} piece is a ZERO extent. */
final class ConcatDisk implements VirtualDisk {
  private final List<@Nullable VirtualDisk> pieces;
  private final long[] starts;
  private final long[] lengths;
  private final long size;

  ConcatDisk(List<@Nullable VirtualDisk> pieces, List<Long> lengths) {
    this.pieces = new ArrayList<>(pieces);
    this.starts = new long[pieces.size()];
    this.lengths = new long[pieces.size()];
    long at = 0;
    for (int i = 0; i < pieces.size(); i++) {
      starts[i] = at;
      this.lengths[i] = lengths.get(i);
      at += lengths.get(i);
    }
    this.size = at;
  }

  /** The grain size of the first sparse extent, or 0 when all are flat or zero. */
  long grainBytes() {
    for (VirtualDisk p : pieces) {
      if (p instanceof SparseExtent s) {
        return s.header().grainBytes();
      }
    }
    return 0;
  }

  @Override
  public DiskFormat format() {
    return DiskFormat.VMDK;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    if (offset >= size) {
      return -1;
    }
    int start = dst.position();
    int limit = dst.limit();
    long pos = offset;
    try {
      for (int i = 0; i < pieces.size() && dst.position() < limit && pos < size; i++) {
        if (pos >= starts[i] + lengths[i]) {
          continue;
        }
        long inPiece = pos - starts[i];
        int n = (int) Math.min(lengths[i] - inPiece, limit - dst.position());
        dst.limit(dst.position() + n);
        VirtualDisk piece = pieces.get(i);
        long pieceSize = piece == null ? 0 : piece.size();
        if (piece != null && inPiece < pieceSize) {
          int got = piece.read(inPiece, dst);
          if (got < 0) {
            got = 0;
          }
        }
        // Past a piece's own end (a flat file shorter than its line), the disk reads zeros.
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        pos += n;
      }
    } finally {
      dst.limit(limit);
    }
    return dst.position() - start;
  }

  @Override
  public List<Extent> extents() {
    List<Extent> out = new ArrayList<>();
    long lastEnd = -1;
    for (int i = 0; i < pieces.size(); i++) {
      VirtualDisk piece = pieces.get(i);
      if (piece == null) {
        continue;
      }
      for (Extent e : piece.extents()) {
        long off = starts[i] + e.offset();
        long end = Math.min(starts[i] + Math.min(e.end(), lengths[i]), size);
        if (end <= off) {
          continue;
        }
        if (!out.isEmpty() && off <= lastEnd) {
          Extent prev = out.remove(out.size() - 1);
          out.add(new Extent(prev.offset(), Math.max(end, prev.end()) - prev.offset()));
        } else {
          out.add(new Extent(off, end - off));
        }
        lastEnd = out.get(out.size() - 1).end();
      }
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (VirtualDisk p : pieces) {
      if (p == null) {
        continue;
      }
      try {
        p.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
