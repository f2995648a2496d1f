package io.cloudimage.core.format;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A disk image seen as the disk a machine would see: {@link #size()} bytes addressed by offset,
 * whatever the container format stores on the file. Holes read as zeros; {@link #extents()} says
 * where the allocated data is, so that readers can skip the holes instead of reading them.
 *
 * <p>Implementations read through fixed buffers and never hold the whole disk in memory. A disk is
 * safe for concurrent positional reads unless its implementation says otherwise.
 */
public interface VirtualDisk extends Closeable {

  /** The container format the disk was read from. */
  DiskFormat format();

  /** The virtual size in bytes: what the guest sees. */
  long size();

  /**
   * Reads from {@code offset} into {@code dst} until {@code dst} is full or the disk ends; holes
   * read as zeros.
   *
   * @return the number of bytes read, {@code -1} when {@code offset >= size()}
   * @throws io.cloudimage.core.error.CorruptDataException when the container's tables are damaged,
   *     naming the format and the file offset
   */
  int read(long offset, ByteBuffer dst);

  /**
   * The allocated extents, in ascending order, not overlapping, merged where adjacent. Everything
   * outside them reads as zeros. A format that cannot tell (raw) returns one extent covering the
   * disk.
   */
  List<Extent> extents();

  /** Releases the file. */
  @Override
  void close();
}
