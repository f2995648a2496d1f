package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.Head;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.Verification;
import io.cloudimage.core.output.OutputFile;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.Signer;
import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lifecycle journal verify DIR} and {@code lifecycle journal seal DIR}: the journal's chain,
 * its head, anchors kept elsewhere and OpenPGP-signed checkpoints ("seals", kept in {@code
 * DIR/seals/} as {@code seal-N.json} with a detached armored signature {@code seal-N.json.asc}).
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "The audit journal.",
    subcommands = {JournalCommand.Verify.class, JournalCommand.Seal.class})
final class JournalCommand {
  static final String SEALS = "seals";
  static final String SEAL_FORMAT = "cloudimage-journal-seal";

  @ParentCommand LifecycleCommand lifecycle = new LifecycleCommand();

  /** {@code lifecycle journal verify DIR [--expect-head HASH] [--keyring K]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Check the journal's hash chain and head; names the first bad record. With"
              + " --expect-head, also that it holds an anchor kept elsewhere; with --keyring,"
              + " that every seal is signed and still matches the journal.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand JournalCommand journal = new JournalCommand();

    @Parameters(paramLabel = "DIR")
    Path dir = Path.of("");

    @Option(
        names = "--expect-head",
        paramLabel = "HASH",
        description = "A head hash kept elsewhere (from an earlier verify or seal).")
    @Nullable String expectHead;

    @Option(
        names = "--keyring",
        paramLabel = "K",
        description = "Public keys the journal's seals must be signed with.")
    @Nullable Path keyring;

    @Override
    public Integer call() {
      Verification v = Journal.verify(dir, expectHead);
      List<String> sealProblems = new ArrayList<>();
      int seals = 0;
      Path keys = keyring;
      if (keys != null && v.valid()) {
        Verifier verifier = Verifier.builder().keyRing(keys).build();
        List<Path> files = sealFiles(dir);
        if (files.isEmpty()) {
          sealProblems.add("no seal in " + dir.resolve(SEALS) + "; make one with `journal seal`");
        }
        for (Path seal : files) {
          seals++;
          String problem = checkSeal(verifier, dir, seal);
          if (problem != null) {
            sealProblems.add(seal.getFileName() + ": " + problem);
          }
        }
      }
      boolean ok = v.valid() && sealProblems.isEmpty();
      if (journal.lifecycle.root.json) {
        ObjectNode json = Output.object();
        json.put("valid", ok);
        json.put("records", v.records());
        if (v.valid()) {
          json.putNull("firstBadLine");
          json.putNull("problem");
        } else {
          json.put("firstBadLine", v.firstBadLine());
          json.put("problem", v.problem());
        }
        json.put("lastHash", v.lastHash());
        if (keys != null) {
          json.put("seals", seals);
          ArrayNode list = json.putArray("sealProblems");
          sealProblems.forEach(list::add);
        }
        Output.json(json);
      } else if (!v.valid()) {
        System.out.println("journal broken at line " + v.firstBadLine() + ": " + v.problem());
      } else {
        System.out.println("journal intact: " + v.records() + " records, last " + v.lastHash());
        if (keys != null) {
          sealProblems.forEach(p -> System.out.println("seal problem: " + p));
          if (sealProblems.isEmpty()) {
            System.out.println(seals + " seal(s) signed and matching");
          }
        }
      }
      return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static @Nullable String checkSeal(Verifier verifier, Path dir, Path seal) {
      Path signature = seal.resolveSibling(seal.getFileName() + ".asc");
      if (!Files.exists(signature)) {
        return "no signature " + signature.getFileName();
      }
      VerificationResult r = verifier.verifyDetached(seal, signature);
      if (!r.valid()) {
        return "signature does not verify: " + r.reason();
      }
      JsonNode n;
      try {
        n = Output.tree(Files.readString(seal, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        return "not a journal seal: " + e.getMessage();
      }
      if (!SEAL_FORMAT.equals(n.path("format").asText())
          || !n.path("records").canConvertToLong()
          || !n.path("lastHash").isTextual()) {
        return "not a journal seal";
      }
      return Journal.problemWith(
          dir, new Head(n.path("records").asLong(), n.path("lastHash").asText()));
    }
  }

  static List<Path> sealFiles(Path dir) {
    Path folder = dir.resolve(SEALS);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().matches("seal-\\d+\\.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + folder, e);
    }
  }

  /** {@code lifecycle journal seal DIR --secret-keyring K}. */
  @Command(
      name = "seal",
      mixinStandardHelpOptions = true,
      description =
          "Write an OpenPGP-signed checkpoint of the journal's head (record count and last hash),"
              + " so that a journal cut back or rewritten with a recomputed chain is found by"
              + " `journal verify --keyring`.")
  static final class Seal implements Callable<Integer> {
    @ParentCommand JournalCommand journal = new JournalCommand();

    @Parameters(paramLabel = "DIR")
    Path dir = Path.of("");

    @Mixin SigningKey signingKey = new SigningKey();

    @Override
    public Integer call() {
      if (!Files.isDirectory(dir)) {
        throw new InvalidInputException("journal directory " + dir + " does not exist");
      }
      Head head = Journal.head(dir);
      Signer signer = signingKey.signer().armor().build();
      Path folder = dir.resolve(SEALS);
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("creating " + folder, e);
      }
      Path seal =
          folder.resolve(String.format(java.util.Locale.ROOT, "seal-%012d.json", head.records()));
      ObjectNode n = Output.object();
      n.put("format", SEAL_FORMAT);
      n.put("records", head.records());
      n.put("lastHash", head.lastHash());
      n.put("sealedAt", Instant.now().toString());
      n.put("key", signer.keyFingerprint());
      try (OutputFile out = OutputFile.to(seal).open()) {
        out.stream().write(n.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.commit();
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + seal, e);
      }
      signer.signDetached(
          seal,
          seal.resolveSibling(seal.getFileName() + ".asc"),
          ProgressListener.NONE,
          Cancellation.never());
      if (journal.lifecycle.root.json) {
        ObjectNode out = Output.object();
        out.put("seal", seal.toString());
        out.put("records", head.records());
        out.put("lastHash", head.lastHash());
        out.put("key", signer.keyFingerprint());
        Output.json(out);
      } else {
        System.out.println(
            "sealed "
                + head.records()
                + " records, last "
                + head.lastHash()
                + " with key "
                + signer.keyFingerprint()
                + " in "
                + seal);
      }
      return ExitCodes.OK;
    }
  }
}
