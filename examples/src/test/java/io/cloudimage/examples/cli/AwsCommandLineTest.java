package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --provider aws} on the command line, against the local AWS emulator. */
class AwsCommandLineTest {
  private static String endpoint = "";

  @BeforeAll
  static void credentials() {
    endpoint = RequiredTools.awsEndpoint();
    // The emulator takes any key; the SDK's default chain reads these system properties first.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void imagesListAnswersJsonFromTheEmulator() {
    CliRun run =
        CliRun.of(
            "--json",
            "--provider",
            "aws",
            "--region",
            "us-east-1",
            "--endpoint",
            endpoint,
            "images",
            "list");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(Output.tree("{\"images\":" + run.out() + "}").path("images").isArray()).isTrue();
  }

  @Test
  void aMalformedImageIdIsExitThree() {
    CliRun run =
        CliRun.of(
            "--provider",
            "aws",
            "--region",
            "us-east-1",
            "--endpoint",
            endpoint,
            "images",
            "show",
            "ami-not-hex");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("ami-not-hex");
  }

  @Test
  void anEndpointThatIsDownIsExitFourWithinTheBudget() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    CliRun run =
        CliRun.of(
            "--provider",
            "aws",
            "--region",
            "us-east-1",
            "--endpoint",
            "http://127.0.0.1:" + port,
            "images",
            "list");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }
}
