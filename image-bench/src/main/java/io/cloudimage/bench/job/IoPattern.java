package io.cloudimage.bench.job;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** fio's {@code rw} values: the order and direction of the I/O. */
public enum IoPattern {
  READ("read"),
  WRITE("write"),
  TRIM("trim"),
  RANDREAD("randread"),
  RANDWRITE("randwrite"),
  RANDTRIM("randtrim"),
  READWRITE("readwrite"),
  RANDRW("randrw"),
  TRIMWRITE("trimwrite");

  private final String fioName;

  IoPattern(String fioName) {
    this.fioName = fioName;
  }

  /** The value fio's {@code --rw} takes. */
  public String fioName() {
    return fioName;
  }

  /** Whether the pattern mixes reads and writes, so that {@code rwmixread} applies. */
  public boolean mixed() {
    return this == READWRITE || this == RANDRW;
  }

  /**
   * The pattern fio calls {@code name} ({@code rw} is accepted for {@code readwrite}).
   *
   * @throws InvalidInputException for any other name, listing the valid ones
   */
  public static IoPattern parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("rw")) {
      return READWRITE;
    }
    for (IoPattern p : values()) {
      if (p.fioName.equals(n)) {
        return p;
      }
    }
    throw new InvalidInputException(
        "unknown fio rw mode '"
            + name
            + "'; use one of "
            + Arrays.stream(values()).map(IoPattern::fioName).collect(Collectors.joining(", ")));
  }
}
