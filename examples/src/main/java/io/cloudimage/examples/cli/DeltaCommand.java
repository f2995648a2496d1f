package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.delta.ChangedBlock;
import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.delta.DeltaFile;
import io.cloudimage.core.delta.DeltaInfo;
import io.cloudimage.core.delta.DeltaMode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage delta …}: deltas between versions of a disk image. */
@Command(
    name = "delta",
    mixinStandardHelpOptions = true,
    description = "Create, apply, inspect and compact deltas between versions of a disk image.",
    subcommands = {
      DeltaCommand.Create.class,
      DeltaCommand.Apply.class,
      DeltaCommand.Info.class,
      DeltaCommand.Compact.class
    })
final class DeltaCommand {
  @ParentCommand CloudImageCli root;

  DeltaCommand() {
    this.root = new CloudImageCli();
  }

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib)", Pattern.CASE_INSENSITIVE);

  /**
   * Parses a size such as {@code 524288}, {@code 512K}, {@code 512KiB} or {@code 4M} (binary
   * units).
   */
  static int size(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new InvalidInputException(
          "size '" + text + "' is not a number of bytes, KiB or MiB, such as 512K or 4M");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long bytes = unit.startsWith("k") ? n << 10 : unit.startsWith("m") ? n << 20 : n;
    if (bytes > Integer.MAX_VALUE) {
      throw new InvalidInputException("size '" + text + "' is too large");
    }
    return (int) bytes;
  }

  /** Reads {@code --block-size}: a bad value is a usage error (exit 2), named with the option. */
  static final class BlockSize implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int bytes = size(value);
        DeltaEngine.builder().blockSize(bytes); // checks the range
        return bytes;
      } catch (InvalidInputException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  static DeltaEngine engine(DeltaMode mode, @Nullable Integer blockSize) {
    DeltaEngine.Builder b = DeltaEngine.builder().mode(mode);
    if (blockSize != null) {
      if (mode == DeltaMode.BLOCK) {
        b.blockSize(blockSize);
      } else {
        b.chunkSize(blockSize);
      }
    }
    return b.build();
  }

  /** The {@code delta info} JSON object, the shape CLI.md fixes plus a few fields. */
  static ObjectNode json(DeltaInfo info) {
    ObjectNode o = Output.object();
    o.put("mode", info.mode().id());
    o.put("blockSize", info.blockSize());
    o.put("baseSize", info.baseSize());
    o.put("targetSize", info.targetSize());
    o.put("changedBytes", info.changedBytes());
    o.put("deltaSize", info.deltaSize());
    o.put("targetDigest", info.targetDigest());
    o.put("baseDigest", info.baseDigest());
    o.put("created", info.created().toString());
    o.put("records", info.records());
    return o;
  }

  static String summary(DeltaInfo info) {
    return String.format(
        Locale.ROOT,
        "%s delta, %s %s: %s of %s changed, delta %s (%.2f%% of the target)",
        info.mode().id(),
        Output.size(info.blockSize()),
        info.mode() == DeltaMode.BLOCK ? "blocks" : "average chunks",
        Output.size(info.changedBytes()),
        Output.size(info.targetSize()),
        Output.size(info.deltaSize()),
        info.targetSize() == 0 ? 0.0 : 100.0 * info.deltaSize() / info.targetSize());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Write the delta that turns OLD into NEW.")
  static final class Create implements Callable<Integer> {
    @ParentCommand DeltaCommand delta = new DeltaCommand();

    @Parameters(index = "0", paramLabel = "OLD")
    Path oldImage = Path.of("");

    @Parameters(index = "1", paramLabel = "NEW")
    Path newImage = Path.of("");

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "DELTA")
    Path output = Path.of("");

    @Option(
        names = "--mode",
        paramLabel = "block|cdc",
        description = "block: fixed blocks (default); cdc: content-defined chunks.")
    DeltaMode mode = DeltaMode.BLOCK;

    @Option(
        names = "--block-size",
        paramLabel = "SIZE",
        converter = BlockSize.class,
        description =
            "Block size (block mode, default 512K) or average chunk size (cdc, default 64K);"
                + " a power of two from 4K to 4M.")
    @Nullable Integer blockSize;

    @Override
    public Integer call() {
      DeltaInfo info =
          engine(mode, blockSize)
              .create(oldImage, newImage, output, delta.root.progress(), Cancellation.never());
      if (delta.root.json) {
        Output.json(json(info));
      } else {
        System.out.println(output + ": " + summary(info));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Apply one delta, or a chain oldest first, to BASE; the result is verified before it"
              + " is written to OUT.")
  static final class Apply implements Callable<Integer> {
    @ParentCommand DeltaCommand delta = new DeltaCommand();

    @Parameters(index = "0", paramLabel = "BASE")
    Path base = Path.of("");

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DELTA")
    List<Path> deltas = new ArrayList<>();

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "OUT")
    Path output = Path.of("");

    @Override
    public Integer call() {
      DeltaInfo last =
          DeltaEngine.builder()
              .build()
              .apply(base, deltas, output, delta.root.progress(), Cancellation.never());
      if (delta.root.json) {
        ObjectNode o = Output.object();
        o.put("output", output.toString());
        o.put("deltas", deltas.size());
        o.put("targetSize", last.targetSize());
        o.put("targetDigest", last.targetDigest());
        o.put("verified", true);
        Output.json(o);
      } else {
        System.out.println(
            output
                + ": verified, sha256 "
                + last.targetDigest()
                + " ("
                + deltas.size()
                + (deltas.size() == 1 ? " delta)" : " deltas)"));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "What a delta holds (checked whole first).")
  static final class Info implements Callable<Integer> {
    @ParentCommand DeltaCommand delta = new DeltaCommand();

    @Parameters(paramLabel = "DELTA")
    Path file = Path.of("");

    @Option(
        names = "--blocks",
        description = "Also list the changed blocks (block mode): what a block-store upload sends.")
    boolean blocks;

    @Override
    public Integer call() {
      DeltaFile d = DeltaFile.open(file);
      DeltaInfo info = d.info();
      List<ChangedBlock> changed = blocks ? d.changedBlocks() : List.of();
      if (delta.root.json) {
        ObjectNode o = json(info);
        if (blocks) {
          ArrayNode list = o.putArray("changedBlocks");
          for (ChangedBlock b : changed) {
            list.addObject()
                .put("index", b.index())
                .put("offset", b.offset())
                .put("length", b.length())
                .put("zero", b.zero());
          }
        }
        Output.json(o);
      } else {
        System.out.println(file + ": " + summary(info));
        System.out.println("  base   " + info.baseDigest() + "  " + info.baseSize() + " bytes");
        System.out.println("  target " + info.targetDigest() + "  " + info.targetSize() + " bytes");
        System.out.println("  created " + info.created() + ", " + info.records() + " records");
        for (ChangedBlock b : changed) {
          System.out.println(
              "  block " + b.index() + " at " + b.offset() + (b.zero() ? " (zeros)" : ""));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "compact",
      mixinStandardHelpOptions = true,
      description =
          "Merge a chain of deltas (oldest first) on BASE into one delta from BASE to the"
              + " chain's last target.")
  static final class Compact implements Callable<Integer> {
    @ParentCommand DeltaCommand delta = new DeltaCommand();

    @Parameters(index = "0", paramLabel = "BASE")
    Path base = Path.of("");

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DELTA")
    List<Path> deltas = new ArrayList<>();

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "DELTA")
    Path output = Path.of("");

    @Option(
        names = "--mode",
        paramLabel = "block|cdc",
        description = "The merged delta's mode (default: the first delta's).")
    @Nullable DeltaMode mode;

    @Option(
        names = "--block-size",
        paramLabel = "SIZE",
        converter = BlockSize.class,
        description = "The merged delta's block or chunk size (default: the first delta's).")
    @Nullable Integer blockSize;

    @Override
    public Integer call() {
      DeltaInfo first = DeltaFile.open(deltas.get(0)).info();
      DeltaMode m = mode == null ? first.mode() : mode;
      Integer size = blockSize != null ? blockSize : m == first.mode() ? first.blockSize() : null;
      DeltaInfo info =
          engine(m, size)
              .compact(base, deltas, output, delta.root.progress(), Cancellation.never());
      if (delta.root.json) {
        Output.json(json(info));
      } else {
        System.out.println(
            output + ": " + deltas.size() + " deltas merged into one; " + summary(info));
      }
      return ExitCodes.OK;
    }
  }
}
