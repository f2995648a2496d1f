package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.aliyun.AliyunProvider;
import io.cloudimage.core.client.ImageProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage share ID --account A…} and {@code cloudimage unshare ID --account A…}: who may
 * launch an image. On {@code --provider aliyun} the sharing quotas are checked before any call; a
 * share over a quota exits 1 naming it.
 */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = "Share an image with more accounts (quotas checked first on aliyun).")
final class ShareCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "ID", description = "The provider's image id.")
  String id = "";

  @Option(
      names = "--account",
      required = true,
      paramLabel = "ACCOUNT",
      description = "An account to share with; repeatable.")
  List<String> accounts = new ArrayList<>();

  @Override
  public Integer call() {
    Set<String> wanted = new LinkedHashSet<>(accounts);
    try (ImageProvider provider = root.openProvider()) {
      provider.share(id, wanted);
      report(root, provider, id, "shared", wanted);
    }
    return ExitCodes.OK;
  }

  /**
   * Prints what changed and, where the provider can tell, the accounts the image is shared with.
   */
  static void report(
      CloudImageCli root, ImageProvider provider, String id, String verb, Set<String> accounts) {
    List<String> now =
        provider instanceof AliyunProvider ecs ? ecs.sharedWith(id) : List.copyOf(accounts);
    if (root.json) {
      ObjectNode out = Output.object();
      out.put("image", id);
      ArrayNode changed = out.putArray(verb);
      accounts.forEach(changed::add);
      if (provider instanceof AliyunProvider ecs) {
        ArrayNode with = out.putArray("sharedWith");
        now.forEach(with::add);
        out.put("shareCallsThisMonth", ecs.shareCallsThisMonth());
      }
      Output.json(out);
    } else {
      System.out.println(id + ": " + verb + " " + String.join(", ", accounts));
      if (provider instanceof AliyunProvider) {
        System.out.println("  shared with: " + (now.isEmpty() ? "nobody" : String.join(", ", now)));
      }
    }
  }

  /** {@code cloudimage unshare ID --account A…}. */
  @Command(
      name = "unshare",
      mixinStandardHelpOptions = true,
      description = "Stop sharing an image with some accounts.")
  static final class Unshare implements Callable<Integer> {
    @ParentCommand CloudImageCli root = new CloudImageCli();

    @Parameters(paramLabel = "ID", description = "The provider's image id.")
    String id = "";

    @Option(
        names = "--account",
        required = true,
        paramLabel = "ACCOUNT",
        description = "An account to stop sharing with; repeatable.")
    List<String> accounts = new ArrayList<>();

    @Override
    public Integer call() {
      Set<String> removing = new LinkedHashSet<>(accounts);
      try (ImageProvider provider = root.openProvider()) {
        provider.unshare(id, removing);
        report(root, provider, id, "unshared", removing);
      }
      return ExitCodes.OK;
    }
  }
}
