package io.cloudimage.bench.job;

import io.cloudimage.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One stress-ng stressor: its name, how many workers run it (0 means one per online CPU), the
 * method it exercises, and its own options such as {@code vm-bytes}. Immutable; each {@code with}
 * method returns a changed copy.
 *
 * <pre>{@code
 * Stressor cpu = Stressor.of("cpu").workers(2).method("matrixprod");
 * Stressor vm = Stressor.of("vm").workers(1).option("bytes", "64M");
 * }</pre>
 *
 * @param name the stressor, such as {@code cpu}, {@code vm}, {@code hdd}
 * @param workers the number of workers, 0 for one per CPU
 * @param method the method ({@code --cpu-method}), or null for stress-ng's default
 * @param options the stressor's own options without its prefix ({@code bytes} for {@code
 *     --vm-bytes}), in order
 */
public record Stressor(
    String name, int workers, @Nullable String method, Map<String, String> options) {
  private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.%:+-]{1,64}");

  /** Checks the values. */
  public Stressor {
    check(name, "stressor name");
    if (workers < 0 || workers > 4096) {
      throw new InvalidInputException(
          "stressor "
              + name
              + ": workers must be between 0 (one per CPU) and 4096, was "
              + workers);
    }
    if (method != null) {
      check(method, "stressor " + name + " method");
    }
    options = Map.copyOf(new LinkedHashMap<>(options));
    for (Map.Entry<String, String> e : options.entrySet()) {
      check(e.getKey(), "stressor " + name + " option");
      if (!VALUE.matcher(e.getValue()).matches()) {
        throw new InvalidInputException(
            "stressor "
                + name
                + " option "
                + e.getKey()
                + ": value '"
                + e.getValue()
                + "' must be 1-64 letters, digits or _ . % : + -");
      }
    }
  }

  /** A stressor with one worker and its default method. */
  public static Stressor of(String name) {
    return new Stressor(name, 1, null, Map.of());
  }

  /** The same stressor with {@code n} workers (0: one per CPU). */
  public Stressor workers(int n) {
    return new Stressor(name, n, method, options);
  }

  /** The same stressor exercising {@code m}, such as {@code matrixprod} for {@code cpu}. */
  public Stressor method(String m) {
    return new Stressor(name, workers, m, options);
  }

  /** The same stressor with the option {@code --NAME-key=value}. */
  public Stressor option(String key, String value) {
    Map<String, String> o = new LinkedHashMap<>(options);
    o.put(key, value);
    return new Stressor(name, workers, method, o);
  }

  private static void check(String word, String what) {
    if (!WORD.matcher(word).matches()) {
      throw new InvalidInputException(
          what + " '" + word + "' must be 1-32 lower-case letters, digits or '-'");
    }
  }
}
