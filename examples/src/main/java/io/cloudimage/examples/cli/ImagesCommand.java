package io.cloudimage.examples.cli;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cloudimage images …}: the inventory of the chosen provider. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description = "List, show, import, launch, stop and remove images.",
    subcommands = {
      ImagesCommand.ListImages.class,
      ImagesCommand.Show.class,
      ImagesCommand.Import.class,
      ImagesCommand.Launch.class,
      ImagesCommand.Stop.class,
      ImagesCommand.Remove.class
    })
final class ImagesCommand {
  @ParentCommand CloudImageCli root;

  ImagesCommand() {
    this.root = new CloudImageCli();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List images (--json: an array of image objects).")
  static final class ListImages implements Callable<Integer> {
    @ParentCommand ImagesCommand images = new ImagesCommand();

    @Override
    public Integer call() {
      CloudImageCli root = images.root;
      try (ImageProvider provider = root.openProvider();
          Stream<Image> all = provider.images(ImageQuery.ALL)) {
        if (root.json) {
          Output.jsonArray(all::iterator);
        } else {
          System.out.println(Output.header());
          all.forEach(i -> System.out.println(safe(Output.line(i))));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one image.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ImagesCommand images = new ImagesCommand();

    @Parameters(paramLabel = "ID", description = "The provider's image id.")
    String id = "";

    @Override
    public Integer call() {
      try (ImageProvider provider = images.root.openProvider()) {
        Image image = provider.describe(id);
        if (images.root.json) {
          Output.json(ImageJson.toJson(image));
        } else {
          System.out.println(Output.header());
          System.out.println(safe(Output.line(image)));
          System.out.println(safe("  digest:  " + image.storage().digest()));
          System.out.println(safe("  format:  " + image.storage().format()));
          System.out.println("  created: " + image.created());
          System.out.println(safe("  tags:    " + image.tags()));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Register a disk-image file (local provider).")
  static final class Import implements Callable<Integer> {
    @ParentCommand ImagesCommand images = new ImagesCommand();

    @Parameters(
        paramLabel = "FILE",
        description = "The disk image: raw, qcow2, vmdk, vhd, vhdx or ova.")
    Path file = Path.of("");

    @Option(names = "--name", required = true, description = "The image name.")
    String name = "";

    @Option(
        names = "--os",
        required = true,
        paramLabel = "FAMILY:VERSION",
        description = "The OS inside, e.g. ubuntu:24.04.")
    OperatingSystem os = OperatingSystem.parse("other:unknown");

    @Option(names = "--arch", required = true, description = "x86_64 or arm64.")
    Architecture arch = Architecture.X86_64;

    @Option(names = "--tier", description = "hot, warm, cold or archive (default: hot).")
    StorageTier tier = StorageTier.HOT;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--family", description = "The image family.")
    @Nullable String family;

    @Override
    public Integer call() {
      if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
        // Checked before the home is opened, so nothing is written for a bad argument.
        throw new io.cloudimage.core.error.InvalidInputException(
            file + " does not exist, is not a regular file, or cannot be read");
      }
      Tags t = Tags.EMPTY;
      for (String tag : tags) {
        t = t.with(Tags.parse(tag));
      }
      try (LocalProvider local = images.root.openLocal("images import")) {
        Image image =
            local.importImage(
                ImportRequest.of(file, name, os, arch)
                    .withTier(tier)
                    .withTags(t)
                    .withFamily(family),
                images.root.progress(),
                Cancellation.never());
        print(images.root, image);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "launch",
      mixinStandardHelpOptions = true,
      description = "Record a launch: the image is in use until `images stop` (local provider).")
  static final class Launch extends LocalImageChange {
    @Override
    Image change(LocalProvider local, String imageId) {
      return local.launch(imageId);
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Record that the image's instances stopped (local provider).")
  static final class Stop extends LocalImageChange {
    @Override
    Image change(LocalProvider local, String imageId) {
      return local.stop(imageId);
    }
  }

  /** A local-provider command that changes one image and prints it. */
  abstract static class LocalImageChange implements Callable<Integer> {
    @ParentCommand ImagesCommand images = new ImagesCommand();

    @Parameters(paramLabel = "ID")
    String id = "";

    @Spec @Nullable CommandSpec spec;

    abstract Image change(LocalProvider local, String imageId);

    @Override
    public Integer call() {
      CommandSpec self = spec;
      String name =
          self == null ? "images" : self.qualifiedName(" ").replaceFirst("^cloudimage ", "");
      try (LocalProvider local = images.root.openLocal(name)) {
        print(images.root, change(local, id));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Deregister an image and delete the snapshots only it used.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand ImagesCommand images = new ImagesCommand();

    @Parameters(paramLabel = "ID")
    String id = "";

    @Option(names = "--keep-snapshots", description = "Keep the backing snapshots.")
    boolean keepSnapshots;

    @Override
    public Integer call() {
      try (ImageProvider provider = images.root.openProvider()) {
        provider.deregister(
            id,
            keepSnapshots ? DeregisterOptions.KEEP_SNAPSHOTS : DeregisterOptions.DELETE_SNAPSHOTS);
        if (images.root.json) {
          Output.json(Output.object().put("id", id).put("deregistered", true));
        } else {
          String recovery =
              provider
                  .recoveryWindow(id)
                  .map(d -> " (recoverable for " + d.toDays() + " days)")
                  .orElse("");
          System.out.println("deregistered " + safe(id) + recovery);
        }
      }
      return ExitCodes.OK;
    }
  }

  private static void print(CloudImageCli root, Image image) {
    if (root.json) {
      Output.json(ImageJson.toJson(image));
    } else {
      System.out.println(safe(Output.line(image)));
    }
  }

  /**
   * Text for a terminal: control characters (C0, DEL, C1) and the bidirectional overrides that
   * could forge or hide lines are written as {@code \\uXXXX} escapes, a backslash as two.
   */
  static String safe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        b.append("\\\\");
      } else if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069)
          || c == 0x2028
          || c == 0x2029) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
