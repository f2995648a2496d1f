package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.aliyun.AliyunProvider;
import io.cloudimage.aliyun.CopyWindow;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.CopyRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage copy ID --to-region R…}: copies an image to other regions. With {@code
 * --deadline} (aliyun) the copies run in a sync window: progress is polled until the deadline, what
 * did not finish is cancelled, and the report says which; the exit code is 1 when anything did not
 * finish.
 */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = "Copy an image to other regions; --deadline runs them in a sync window (aliyun).")
final class CopyCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(paramLabel = "ID", description = "The provider's image id.")
  String id = "";

  @Option(
      names = "--to-region",
      required = true,
      paramLabel = "REGION",
      description = "A region to copy to; repeatable.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--name", description = "The copies' name (default: the source's).")
  @Nullable String name;

  @Option(
      names = "--kms-key",
      paramLabel = "KEY",
      description = "Encrypt the copies with this key.")
  @Nullable String kmsKey;

  @Option(
      names = "--deadline",
      paramLabel = "D",
      description =
          "Wait for the copies until D has passed (2h, 30m, PT2H; the release window is 2h),"
              + " then cancel what is unfinished and report it (aliyun).")
  @Nullable String deadline;

  @Override
  public Integer call() {
    Duration window = deadline == null ? null : window(deadline);
    try (ImageProvider provider = root.openProvider()) {
      String copyName = name != null ? name : provider.describe(id).name();
      List<CopyRequest> copies = new ArrayList<>();
      for (String r : regions) {
        copies.add(new CopyRequest(id, r, copyName, null, kmsKey));
      }
      if (window == null) {
        return copyNow(provider, copies);
      }
      if (!(provider instanceof AliyunProvider ecs)) {
        throw new InvalidInputException(
            "--deadline runs a copy window on --provider aliyun only, not " + provider.name());
      }
      // Poll often enough to see progress within a short window, at most every 30 s.
      Duration every =
          window.dividedBy(10).compareTo(Duration.ofSeconds(30)) < 0
              ? window.dividedBy(10).plusMillis(10)
              : Duration.ofSeconds(30);
      CopyWindow.Report report =
          new CopyWindow(
                  ecs,
                  window,
                  every,
                  CopyWindow.AtDeadline.CANCEL_UNFINISHED,
                  Clock.systemUTC(),
                  d -> Thread.sleep(d.toMillis()))
              .run(copies);
      print(report);
      return report.complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
  }

  /** The window of {@code --deadline}: {@code 2h}, {@code 30m} or ISO-8601 such as {@code PT2H}. */
  private static Duration window(String text) {
    try {
      return TrashCommand.parseAge(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "--deadline: '" + text.trim() + "' is not a duration; write 2h, 30m or PT2H", e);
    }
  }

  private int copyNow(ImageProvider provider, List<CopyRequest> copies) {
    ArrayNode out = Output.array();
    for (CopyRequest c : copies) {
      Image copy = provider.copyImage(c, root.progress(), Cancellation.never());
      if (root.json) {
        ObjectNode o = out.addObject();
        o.put("source", id);
        o.put("region", c.targetRegion());
        o.put("copy", copy.nativeId());
        o.put("state", copy.state().name());
      } else {
        System.out.println(
            id + " -> " + c.targetRegion() + ": " + copy.nativeId() + " " + copy.state());
      }
    }
    if (root.json) {
      Output.json(out);
    }
    return ExitCodes.OK;
  }

  private void print(CopyWindow.Report report) {
    if (root.json) {
      ObjectNode out = Output.object();
      out.put("source", id);
      out.put("deadline", report.deadline().toString());
      out.put("complete", report.complete());
      outcomes(out.putArray("finished"), report.finished());
      outcomes(out.putArray("unfinished"), report.unfinished());
      Output.json(out);
      return;
    }
    System.out.println("copy window of " + id + " closed at " + report.deadline());
    for (CopyWindow.Outcome o : report.finished()) {
      System.out.println("  finished   " + o.request().targetRegion() + " " + o.copyImageId());
    }
    for (CopyWindow.Outcome o : report.unfinished()) {
      System.out.println(
          "  unfinished "
              + o.request().targetRegion()
              + " "
              + (o.copyImageId() == null ? "-" : o.copyImageId())
              + " at "
              + o.progress()
              + "%: "
              + o.problem());
    }
  }

  private static void outcomes(ArrayNode into, List<CopyWindow.Outcome> outcomes) {
    for (CopyWindow.Outcome o : outcomes) {
      ObjectNode n = into.addObject();
      n.put("region", o.request().targetRegion());
      n.put("copy", o.copyImageId());
      n.put("progress", o.progress());
      n.put("state", o.state().name());
      n.put("problem", o.problem());
    }
  }
}
