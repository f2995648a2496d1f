package io.cloudimage.core.cpu;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The instruction-set features of a processor, as Linux names them in {@code /proc/cpuinfo}.
 *
 * <pre>{@code
 * CpuFeatures here = CpuFeatures.detect();
 * if (!here.canRun(image)) {
 *   System.err.println("missing " + here.missingFor(image));
 * }
 * }</pre>
 *
 * <p>Feature names are the kernel's flags: {@code avx512f}, {@code avx512bw}, {@code avx512_vnni}…
 * on x86 ({@code flags} lines), {@code sve}, {@code sve2}, {@code asimd}… on ARM ({@code Features}
 * lines). {@link #normalise(String)} maps the names people type ({@code avx512}, {@code AVX-512})
 * onto them.
 *
 * @param architecture the instruction set, or {@code null} when the text did not say
 * @param flags every flag the processor reports, lower case
 */
public record CpuFeatures(@Nullable Architecture architecture, Set<String> flags) {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  public CpuFeatures {
    flags = Set.copyOf(new TreeSet<>(flags));
  }

  /**
   * Reads {@code /proc/cpuinfo} of the machine the JVM runs on; the architecture comes from {@code
   * os.arch} when the file does not say.
   *
   * @throws InvalidInputException when not on Linux (no {@code /proc/cpuinfo})
   */
  public static CpuFeatures detect() {
    if (!Files.isReadable(CPUINFO)) {
      throw new InvalidInputException(
          "cannot detect CPU features: "
              + CPUINFO
              + " is not readable (not Linux?); pass the features explicitly instead");
    }
    try {
      CpuFeatures parsed = parse(Files.readString(CPUINFO, StandardCharsets.UTF_8));
      if (parsed.architecture() == null) {
        Architecture arch = null;
        try {
          arch = Architecture.parse(System.getProperty("os.arch", ""));
        } catch (InvalidInputException e) {
          // an architecture cloudimage does not model: leave it unknown
        }
        return new CpuFeatures(arch, parsed.flags());
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CPUINFO, e);
    }
  }

  /**
   * Parses the text of {@code /proc/cpuinfo}: the {@code flags} line (x86) or {@code Features} line
   * (ARM) of the first processor. The architecture is x86_64 when there is a {@code flags} line
   * with {@code lm}, arm64 when there is a {@code Features} line, else unknown.
   */
  public static CpuFeatures parse(String cpuinfo) {
    Set<String> flags = new TreeSet<>();
    Architecture arch = null;
    for (String line : cpuinfo.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        if (line.isBlank() && !flags.isEmpty()) {
          break; // only the first processor block: the others repeat it on cloud instances
        }
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("flags")) {
        addAll(flags, value);
        if (flags.contains("lm")) {
          arch = Architecture.X86_64;
        }
      } else if (key.equals("Features")) {
        addAll(flags, value);
        arch = Architecture.ARM64;
      } else if (key.equals("CPU architecture") && value.startsWith("8")) {
        arch = Architecture.ARM64;
      }
    }
    return new CpuFeatures(arch, flags);
  }

  /** Features given by name, for a machine described rather than detected. */
  public static CpuFeatures of(Architecture architecture, Collection<String> flags) {
    Set<String> set = new TreeSet<>();
    for (String f : flags) {
      set.add(normalise(f));
    }
    return new CpuFeatures(architecture, set);
  }

  private static void addAll(Set<String> flags, String value) {
    for (String f : value.split("\\s+")) {
      if (!f.isEmpty()) {
        flags.add(f.toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * The kernel flag for a feature name as people write it: {@code avx512}, {@code AVX-512} and
   * {@code avx-512f} become {@code avx512f}; {@code avx-512-vnni} becomes {@code avx512_vnni};
   * anything else is lower-cased.
   */
  public static String normalise(String feature) {
    String f = feature.trim().toLowerCase(Locale.ROOT);
    if (f.equals("avx512") || f.equals("avx-512") || f.equals("avx-512f")) {
      return "avx512f";
    }
    if (f.startsWith("avx-512")) {
      String rest = f.substring("avx-512".length()).replace('-', '_');
      return "avx512" + rest;
    }
    return f;
  }

  /** Whether the processor reports the feature (given in any {@link #normalise} form). */
  public boolean has(String feature) {
    return flags.contains(normalise(feature));
  }

  /** Whether the AVX-512 foundation instructions are there. */
  public boolean hasAvx512() {
    return flags.contains("avx512f");
  }

  /** The AVX-512 subsets present ({@code avx512f}, {@code avx512bw}, {@code avx512_vnni}…). */
  public Set<String> avx512Variants() {
    Set<String> out = new TreeSet<>();
    for (String f : flags) {
      if (f.startsWith("avx512")) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether the ARM Scalable Vector Extension is there. */
  public boolean hasSve() {
    return flags.contains("sve");
  }

  /** The features of {@code required} this processor lacks, sorted; empty when it has them all. */
  public Set<String> missing(Collection<String> required) {
    Set<String> out = new TreeSet<>();
    for (String r : required) {
      String n = normalise(r);
      if (!flags.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * What stops {@code image} from running here: a different architecture, or CPU features it needs
   * and this processor lacks. Empty when it runs.
   */
  public Set<String> missingFor(Image image) {
    Set<String> out = new TreeSet<>(missing(image.platform().requiredCpuFeatures()));
    if (architecture != null && architecture != image.platform().architecture()) {
      out.add("architecture " + image.platform().architecture().id());
    }
    return out;
  }

  /** Whether {@code image}'s architecture and required instruction set run on this processor. */
  public boolean canRun(Image image) {
    // as missingFor(image).isEmpty(), without building the set
    if (architecture != null && architecture != image.platform().architecture()) {
      return false;
    }
    for (String r : image.platform().requiredCpuFeatures()) {
      if (!flags.contains(normalise(r))) {
        return false;
      }
    }
    return true;
  }
}
