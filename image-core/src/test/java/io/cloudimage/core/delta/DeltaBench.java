package io.cloudimage.core.delta;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * The delta engine as one process per operation, for {@code scripts/bench-delta.sh}: the same cost
 * a command-line run pays (JVM start included), beside the other tools' processes.
 *
 * <pre>
 * DeltaBench create block|cdc SIZE OLD NEW DELTA
 * DeltaBench apply BASE DELTA OUT
 * </pre>
 *
 * Prints the delta's changed bytes and size after {@code create}.
 */
public final class DeltaBench {
  private DeltaBench() {}

  public static void main(String[] args) {
    if (args[0].equals("create")) {
      DeltaMode mode = DeltaMode.parse(args[1]);
      int size = Integer.parseInt(args[2]);
      DeltaEngine.Builder b = DeltaEngine.builder().mode(mode);
      DeltaEngine engine =
          (mode == DeltaMode.BLOCK ? b.blockSize(size) : b.chunkSize(size)).build();
      DeltaInfo info =
          engine.create(
              Path.of(args[3]),
              Path.of(args[4]),
              Path.of(args[5]),
              ProgressListener.NONE,
              Cancellation.never());
      System.out.println("changedBytes=" + info.changedBytes() + " deltaSize=" + info.deltaSize());
    } else {
      DeltaEngine.builder()
          .build()
          .apply(
              Path.of(args[1]),
              List.of(Path.of(args[2])),
              Path.of(args[3]),
              ProgressListener.NONE,
              Cancellation.never());
    }
  }
}
