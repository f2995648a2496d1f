package io.cloudimage.bench.parse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which NVIDIA driver branches a GPU runs with, and what an image's driver must become: the
 * decision to downgrade (a branch newer than the last one that supports an old GPU, such as R470
 * for Kepler), upgrade (a branch older than the first one that knows a new GPU), or keep.
 *
 * <pre>{@code
 * DriverSeries.Decision d = DriverSeries.decide("Tesla K80", "535.104.05");
 * d.action();  // DOWNGRADE
 * d.reason();  // "Tesla K80 (Kepler) is supported up to the R470 branch; ..."
 * }</pre>
 */
public final class DriverSeries {
  /** What to do with the installed driver. */
  public enum Action {
    KEEP,
    DOWNGRADE,
    UPGRADE,
    UNKNOWN_GPU
  }

  /**
   * A GPU family's supported branches.
   *
   * @param architecture the architecture, such as {@code Kepler}
   * @param minBranch the first branch that supports it
   * @param maxBranch the last branch that supports it, or empty while new branches still do
   */
  public record Support(String architecture, int minBranch, OptionalInt maxBranch) {
    /** {@code R470} or {@code R450 and later}, for messages. */
    public String describe() {
      return maxBranch.isPresent()
          ? "R" + minBranch + " to R" + maxBranch.getAsInt()
          : "R" + minBranch + " and later";
    }
  }

  /**
   * The decision for one GPU and one installed driver.
   *
   * @param action keep, downgrade or upgrade
   * @param support the GPU's branches, when the GPU is known
   * @param reason a sentence for the report
   */
  public record Decision(Action action, Optional<Support> support, String reason) {}

  private record Family(List<String> markers, Support support) {}

  // Longest, most specific markers first: "A100" before "A10", "L40S" before "L4". A marker
  // ending in '*' is a product-line prefix ("RTX 30*" matches "RTX 3090"); others are whole words.
  private static final List<Family> FAMILIES =
      List.of(
          family("Blackwell", 570, 0, "B200", "B100", "GB200", "RTX PRO 6000"),
          family("Hopper", 525, 0, "H100", "H200", "H800", "GH200"),
          family("Ada Lovelace", 525, 0, "L40S", "L40", "L20", "L4", "RTX 40*"),
          family(
              "Ampere", 450, 0, "A100", "A800", "A40", "A30", "A16", "A10G", "A10", "A2", "RTX 30*",
              "RTX A*"),
          family("Turing", 410, 0, "T4", "RTX 20*", "QUADRO RTX*", "GTX 16*"),
          family("Volta", 384, 580, "V100", "TITAN V"),
          family("Pascal", 367, 580, "P100", "P40", "P4", "GTX 10*"),
          family("Maxwell", 346, 580, "M60", "M40", "M10", "M4", "GTX 9*"),
          family("Kepler", 304, 470, "K80", "K40", "K20", "K10", "K520", "GRID K*"),
          family("Fermi", 256, 390, "M2090", "M2070", "M2050", "GTX 5*", "GTX 4*"));

  private DriverSeries() {}

  /** A family; {@code max} 0 while new branches still support it. */
  private static Family family(String arch, int min, int max, String... markers) {
    return new Family(
        List.of(markers),
        new Support(arch, min, max == 0 ? OptionalInt.empty() : OptionalInt.of(max)));
  }

  /** The branches that support the GPU nvidia-smi calls {@code gpuName}, when it is known. */
  public static Optional<Support> support(String gpuName) {
    String n = gpuName.toUpperCase(Locale.ROOT);
    for (Family f : FAMILIES) {
      for (String marker : f.markers()) {
        if (containsWord(n, marker)) {
          return Optional.of(f.support());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean containsWord(String name, String marker) {
    boolean prefix = marker.endsWith("*");
    String m = prefix ? marker.substring(0, marker.length() - 1) : marker;
    int at = name.indexOf(m);
    while (at >= 0) {
      int end = at + m.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(name.charAt(at - 1));
      boolean endOk = end == name.length() || !Character.isLetterOrDigit(name.charAt(end));
      if (startOk && (prefix || endOk)) {
        return true;
      }
      at = name.indexOf(m, at + 1);
    }
    return false;
  }

  /** The branch of a driver version: {@code 535.104.05 -> 535}. */
  public static OptionalInt branch(String driverVersion) {
    String head = driverVersion.trim().split("\\.")[0];
    try {
      return OptionalInt.of(Integer.parseInt(head));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** What to do with {@code driverVersion} on the GPU called {@code gpuName}. */
  public static Decision decide(String gpuName, String driverVersion) {
    Optional<Support> s = support(gpuName);
    if (s.isEmpty()) {
      return new Decision(
          Action.UNKNOWN_GPU,
          s,
          gpuName
              + " is not in the table of known GPUs; check NVIDIA's"
              + " support matrix before changing driver "
              + driverVersion);
    }
    Support sup = s.get();
    OptionalInt b = branch(driverVersion);
    String gpu = gpuName + " (" + sup.architecture() + ")";
    if (b.isEmpty()) {
      return new Decision(
          Action.UNKNOWN_GPU, s, "driver version '" + driverVersion + "' has no branch number");
    }
    int branch = b.getAsInt();
    if (sup.maxBranch().isPresent() && branch > sup.maxBranch().getAsInt()) {
      return new Decision(
          Action.DOWNGRADE,
          s,
          gpu
              + " is supported up to the R"
              + sup.maxBranch().getAsInt()
              + " branch; driver "
              + driverVersion
              + " (R"
              + branch
              + ") does not drive it: build the image with the R"
              + sup.maxBranch().getAsInt()
              + " series");
    }
    if (branch < sup.minBranch()) {
      return new Decision(
          Action.UPGRADE,
          s,
          gpu
              + " needs the R"
              + sup.minBranch()
              + " branch or later; driver "
              + driverVersion
              + " (R"
              + branch
              + ") predates it");
    }
    return new Decision(
        Action.KEEP, s, gpu + " runs with driver " + driverVersion + " (" + sup.describe() + ")");
  }
}
