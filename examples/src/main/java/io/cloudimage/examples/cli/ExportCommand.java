package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.ExportRequest;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage export ID --to URI --format F}: writes an image's disk to object storage
 * ({@code oss://bucket/prefix} on aliyun, in the image's region) and waits for the export to
 * finish. What the service would refuse (Windows and Marketplace images on aliyun) exits 3 before
 * the call.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export an image's disk to object storage (oss://bucket/prefix on aliyun).")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "ID", description = "The provider's image id.")
  String id = "";

  @Option(names = "--to", required = true, paramLabel = "URI", description = "Where to write.")
  URI target = URI.create("oss://bucket/");

  @Option(
      names = "--format",
      defaultValue = "raw",
      description = "raw, vhd, qcow2, vmdk or vdi (default: ${DEFAULT-VALUE}).")
  String format = "raw";

  @Override
  public Integer call() {
    try (ImageProvider provider = root.openProvider()) {
      provider.exportImage(
          new ExportRequest(id, target, format), root.progress(), Cancellation.never());
    }
    if (root.json) {
      ObjectNode out = Output.object();
      out.put("image", id);
      out.put("target", target.toString());
      out.put("format", format);
      Output.json(out);
    } else {
      System.out.println(id + " exported to " + target + " as " + format);
    }
    return ExitCodes.OK;
  }
}
