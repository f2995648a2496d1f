package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect} and {@code convert} against the real qemu-img. */
class FormatCommandsTest {
  @TempDir Path dir;

  static String qemuImg(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(RequiredTools.command("qemu-img").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  Path raw(long size) throws Exception {
    Path raw = dir.resolve("disk.raw");
    byte[] data = new byte[(int) size];
    Random r = new Random(5);
    for (int i = 0; i < size; i += 256 * 1024) {
      for (int j = 0; j < 70_000 && i + j < size; j++) {
        data[i + j] = (byte) r.nextInt();
      }
    }
    Files.write(raw, data);
    return raw;
  }

  @Test
  void inspectJsonAgreesWithQemuImgInfo() throws Exception {
    raw(2 * 1024 * 1024);
    qemuImg(dir, "convert", "-f", "raw", "-O", "qcow2", "disk.raw", "disk.qcow2");
    CliRun run = CliRun.of("inspect", dir.resolve("disk.qcow2").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode ours = new ObjectMapper().readTree(run.out());
    JsonNode qemu =
        new ObjectMapper().readTree(qemuImg(dir, "info", "--output=json", "disk.qcow2"));
    assertThat(ours.get("format").asText()).isEqualTo(qemu.get("format").asText());
    assertThat(ours.get("virtualSize").asLong()).isEqualTo(qemu.get("virtual-size").asLong());
    assertThat(ours.get("clusterSize").asLong()).isEqualTo(qemu.get("cluster-size").asLong());
    assertThat(ours.get("fileSize").asLong()).isEqualTo(Files.size(dir.resolve("disk.qcow2")));
  }

  @Test
  void inspectOfATruncatedImageExitsThreeNamingFormatAndOffset() throws Exception {
    raw(2 * 1024 * 1024);
    qemuImg(dir, "convert", "-f", "raw", "-O", "qcow2", "disk.raw", "disk.qcow2");
    byte[] head = new byte[300];
    System.arraycopy(Files.readAllBytes(dir.resolve("disk.qcow2")), 0, head, 0, 300);
    Files.write(dir.resolve("cut.qcow2"), head);
    CliRun run = CliRun.of("inspect", dir.resolve("cut.qcow2").toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("qcow2").contains("offset").contains("L1 table");
  }

  @Test
  void convertWritesAnImageQemuImgComparesEqual() throws Exception {
    raw(3 * 1024 * 1024);
    qemuImg(dir, "convert", "-f", "raw", "-O", "vmdk", "disk.raw", "disk.vmdk");
    CliRun run =
        CliRun.of(
            "convert",
            dir.resolve("disk.vmdk").toString(),
            dir.resolve("out.qcow2").toString(),
            "--format",
            "qcow2",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(run.out());
    assertThat(out.get("format").asText()).isEqualTo("qcow2");
    assertThat(out.get("virtualSize").asLong()).isEqualTo(3 * 1024 * 1024);
    qemuImg(dir, "check", "out.qcow2");
    qemuImg(dir, "compare", "disk.vmdk", "out.qcow2");
  }

  @Test
  void convertOntoItsInputExitsThreeAndLeavesTheInput() throws Exception {
    Path raw = raw(1024 * 1024);
    byte[] before = Files.readAllBytes(raw);
    CliRun run = CliRun.of("convert", raw.toString(), raw.toString(), "--format", "raw");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("is the same file as input");
    assertThat(Files.readAllBytes(raw)).isEqualTo(before);
  }

  @Test
  void convertToAnUnknownFormatExitsThree() throws Exception {
    Path raw = raw(1024 * 1024);
    CliRun run =
        CliRun.of("convert", raw.toString(), dir.resolve("x").toString(), "--format", "iso");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("unknown disk format 'iso'");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
