package io.cloudimage.core.format.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The few most recently used tables of a disk (qcow2 L2 tables, VMDK grain tables), so that a
 * sequential read loads each table once while memory stays bounded.
 *
 * @param <T> the decoded table
 */
public final class TableCache<T> {
  private final LinkedHashMap<Long, T> tables;

  /** A cache holding at most {@code capacity} tables. */
  public TableCache(int capacity) {
    this.tables =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, T> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The table at {@code offset}, loaded by {@code load} when not cached. */
  public synchronized T get(long offset, LongFunction<T> load) {
    T t = tables.get(offset);
    if (t == null) {
      t = load.apply(offset);
      tables.put(offset, t);
    }
    return t;
  }
}
