package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.image.DiskImages;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage convert}: writes a disk image in another format. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a disk image in another format. The input's format is detected from its bytes;",
      "the output appears under its name only when complete."
    })
final class ConvertCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(index = "0", paramLabel = "IN", description = "Any readable disk image.")
  Path input = Path.of("");

  @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
  Path output = Path.of("");

  @Option(
      names = {"-f", "--format"},
      required = true,
      paramLabel = "F",
      description = "raw, qcow2, vmdk (streamOptimized), vhd or ova.")
  String format = "";

  @Option(
      names = "--subformat",
      paramLabel = "S",
      description = "For vhd: dynamic (default) or fixed.")
  @Nullable String subformat;

  @Override
  public Integer call() {
    DiskFormat target = DiskFormat.parse(format);
    DiskImages.convert(input, output, target, subformat);
    Inspection written = DiskImages.inspect(output);
    if (root.json) {
      ObjectNode o = Output.object();
      o.put("input", input.toString());
      o.put("output", output.toString());
      o.put("format", written.format().id());
      o.put("subformat", written.subformat());
      o.put("virtualSize", written.virtualSize());
      o.put("fileSize", written.fileSize());
      Output.json(o);
    } else {
      System.out.println(
          "wrote "
              + output
              + ": "
              + written.format().id()
              + (written.subformat() == null ? "" : " (" + written.subformat() + ")")
              + ", "
              + written.virtualSize()
              + " bytes virtual, "
              + written.fileSize()
              + " bytes on disk");
    }
    return ExitCodes.OK;
  }
}
