package io.cloudimage.security.sbom.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian ordering checked against {@code dpkg --compare-versions} itself on thousands of real
 * version pairs (its Perl library for all, its binary for a sample): every Version and Source
 * version in this machine's dpkg database, paired with their neighbours in text order (long shared
 * prefixes), at random, and with derived variants ({@code ~}, {@code +}, epochs, revisions).
 */
class DebianVersionAgainstDpkgTest {
  @TempDir Path tmp;

  @Test
  void ordersThousandsOfRealVersionPairsAsDpkgDoes() throws Exception {
    Path dpkg = RequiredTools.command("dpkg");
    Path status = Path.of("/var/lib/dpkg/status");
    TreeSet<String> versions = new TreeSet<>();
    Pattern version = Pattern.compile("^Version: (\\S+)$", Pattern.MULTILINE);
    Pattern source = Pattern.compile("^Source: \\S+ \\((\\S+)\\)$", Pattern.MULTILINE);
    String text = Files.readString(status, StandardCharsets.UTF_8);
    for (Pattern pattern : List.of(version, source)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        versions.add(m.group(1));
      }
    }
    List<String> sorted = new ArrayList<>(versions);
    List<String[]> pairs = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      pairs.add(new String[] {sorted.get(i - 1), sorted.get(i)});
    }
    Random random = new Random(15);
    for (int i = 0; i < 1000; i++) {
      pairs.add(
          new String[] {
            sorted.get(random.nextInt(sorted.size())), sorted.get(random.nextInt(sorted.size()))
          });
    }
    for (int i = 0; i < sorted.size(); i += 2) {
      String v = sorted.get(i);
      pairs.add(new String[] {v, v + "~1"});
      pairs.add(new String[] {v + "~rc1", v + "~rc2"});
      pairs.add(new String[] {v, v + "+b1"});
      pairs.add(new String[] {v.contains(":") ? v : "1:" + v, v});
      pairs.add(new String[] {v, v.replaceFirst("\\d(?=[^\\d]*$)", "0")});
    }
    StringBuilder input = new StringBuilder();
    for (String[] p : pairs) {
      input.append(p[0]).append(' ').append(p[1]).append('\n');
    }
    Path in = tmp.resolve("pairs");
    Files.writeString(in, input);
    // dpkg's own comparison, as its Perl library (libdpkg-perl) exposes it, for every pair in one
    // process; the dpkg binary itself for every 25th pair, to show the two agree.
    Path perl = RequiredTools.command("perl");
    String[] answers =
        run(
            perl.toString(),
            "-MDpkg::Version",
            "-ne",
            "chomp; my ($a, $b) = split / /; print version_compare($a, $b) <=> 0, \"\\n\";",
            in.toString());
    assertThat(answers).hasSize(pairs.size());
    assertThat(pairs.size()).isGreaterThan(2000);
    StringBuilder sample = new StringBuilder();
    for (int i = 0; i < pairs.size(); i += 25) {
      sample.append(pairs.get(i)[0]).append(' ').append(pairs.get(i)[1]).append('\n');
    }
    Path sampled = tmp.resolve("sample");
    Files.writeString(sampled, sample);
    String script =
        "while read a b; do if \"$0\" --compare-versions \"$a\" lt \"$b\" 2>/dev/null; then echo -1;"
            + " elif \"$0\" --compare-versions \"$a\" eq \"$b\" 2>/dev/null; then echo 0;"
            + " else echo 1; fi; done < \"$1\"";
    String[] binary = run("sh", "-c", script, dpkg.toString(), sampled.toString());
    for (int i = 0, k = 0; i < pairs.size(); i += 25, k++) {
      assertThat(binary[k].strip()).as("dpkg binary on pair %d", i).isEqualTo(answers[i].strip());
    }

    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      int ours = Integer.signum(DebianVersion.compare(pairs.get(i)[0], pairs.get(i)[1]));
      int theirs = Integer.parseInt(answers[i].strip());
      if (ours != theirs) {
        disagreements.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": dpkg " + theirs);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static String[] run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out.split("\n");
  }
}
