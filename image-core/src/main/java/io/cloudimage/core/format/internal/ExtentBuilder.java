package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.Extent;
import java.util.ArrayList;
import java.util.List;

/** Collects allocated ranges in ascending order and merges the adjacent ones. */
public final class ExtentBuilder {
  private final List<Extent> extents = new ArrayList<>();
  private long start = -1;
  private long end = -1;

  /** Adds {@code [offset, offset + length)}; offsets must not go backwards. */
  public ExtentBuilder add(long offset, long length) {
    if (length <= 0) {
      return this;
    }
    if (start >= 0 && offset <= end) {
      end = Math.max(end, offset + length);
      return this;
    }
    flush();
    start = offset;
    end = offset + length;
    return this;
  }

  private void flush() {
    if (start >= 0) {
      extents.add(new Extent(start, end - start));
    }
  }

  /** The merged extents, clipped to {@code size}. */
  public List<Extent> build(long size) {
    flush();
    start = -1;
    List<Extent> out = new ArrayList<>();
    for (Extent e : extents) {
      if (e.offset() >= size) {
        break;
      }
      out.add(new Extent(e.offset(), Math.min(e.end(), size) - e.offset()));
    }
    return List.copyOf(out);
  }

  /** The union of two ascending, non-overlapping lists, merged. */
  public static List<Extent> union(List<Extent> a, List<Extent> b, long size) {
    ExtentBuilder out = new ExtentBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      Extent next;
      if (j >= b.size() || (i < a.size() && a.get(i).offset() <= b.get(j).offset())) {
        next = a.get(i++);
      } else {
        next = b.get(j++);
      }
      out.add(next.offset(), next.length());
    }
    return out.build(size);
  }
}
