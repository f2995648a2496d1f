package io.cloudimage.bench.parse;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outputs {@code bench parse} and {@code bench compare} read, by the name the command line
 * uses, each turned into {@link Measurements}.
 *
 * <pre>{@code
 * Measurements m = ResultFormat.FIO.read(Path.of("run1.json"));
 * Measurements any = ResultFormat.readDetected(Path.of("run1.json"));
 * }</pre>
 */
public enum ResultFormat {
  FIO("fio"),
  STRESS_NG("stress-ng"),
  /** {@code systemd-analyze time}, or {@code systemd-analyze blame}: told apart by their text. */
  SYSTEMD("systemd"),
  CLOUD_INIT("cloud-init"),
  IOSTAT("iostat"),
  NVIDIA_SMI("nvidia-smi"),
  MEMINFO("meminfo"),
  WRK("wrk"),
  JMETER("jmeter"),
  /** What {@code bench parse --json} printed: {@link Measurements#toJson()}. */
  MEASUREMENTS("measurements");

  private final String cliName;

  ResultFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format called {@code name}.
   *
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static ResultFormat named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ResultFormat f : values()) {
      if (f.cliName.equals(n)) {
        return f;
      }
    }
    throw new InvalidInputException(
        "unknown result format '"
            + name
            + "'; use one of "
            + Arrays.stream(values()).map(ResultFormat::cliName).collect(Collectors.joining(", ")));
  }

  /** Reads the file and normalises it. */
  public Measurements read(Path file) {
    return parse(text(file), file.toString());
  }

  /** Normalises text in this format; {@code source} names it in errors. */
  public Measurements parse(String text, String source) {
    return switch (this) {
      case FIO -> FioParser.parse(text, source).measurements();
      case STRESS_NG -> StressNgParser.parse(text, source).measurements();
      case SYSTEMD ->
          text.contains("Startup finished in")
              ? BootTime.parse(text, source).measurements()
              : UnitTime.measurements(UnitTime.parseBlame(text, source));
      case CLOUD_INIT -> {
        List<CloudInitBoot> boots = CloudInitBoot.parse(text, source);
        yield boots.get(boots.size() - 1).measurements();
      }
      case IOSTAT -> IostatReport.parse(text, source).measurements();
      case NVIDIA_SMI -> GpuStatus.measurements(GpuStatus.parse(text, List.of(), source));
      case MEMINFO -> MemInfo.parse(text, source).measurements();
      case WRK -> WrkResult.parse(text, source).measurements();
      case JMETER -> JmeterResults.parse(new StringReader(text), source).measurements();
      case MEASUREMENTS -> Measurements.fromJson(text, source);
    };
  }

  /** The format of {@code text}, told from its first characters, when it is one of these. */
  public static ResultFormat detect(String text, String source) {
    String head = text.stripLeading();
    if (head.startsWith("{") && head.contains("\"fio version\"")) {
      return FIO;
    }
    if (head.startsWith("{\"sysstat\"")) {
      return IOSTAT;
    }
    if (head.startsWith("{")) {
      return MEASUREMENTS;
    }
    if (head.startsWith("---") && text.contains("metrics:")) {
      return STRESS_NG;
    }
    if (head.startsWith("MemTotal:")) {
      return MEMINFO;
    }
    if (text.contains("Startup finished in")) {
      return SYSTEMD;
    }
    if (head.startsWith("-- Boot Record")) {
      return CLOUD_INIT;
    }
    if (head.startsWith("Running ") && text.contains("Requests/sec:")) {
      return WRK;
    }
    if (head.startsWith("timeStamp,")) {
      return JMETER;
    }
    throw new InvalidInputException(
        source
            + ": cannot tell which tool wrote this; name it (bench parse fio|stress-ng|... FILE)");
  }

  /** Reads a file of any known format. */
  public static Measurements readDetected(Path file) {
    String text = text(file);
    return detect(text, file.toString()).parse(text, file.toString());
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file", e);
    } catch (MalformedInputException e) {
      throw new InvalidInputException(file + ": not UTF-8 text; is this a tool's output?", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
