package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --provider aliyun} on the command line: the exit codes of the bad-input cases, against an
 * ECS endpoint that checks the real SDK's request signatures and counts the calls.
 */
class AliyunCommandLineTest {
  static final String KEY_ID = "LTAI5tCliTestKey0001";
  static final String SECRET = "cli-test-secret-0123456789abcdef";

  @TempDir Path home;
  SigningEcs ecs;
  String oldHome = "";

  @BeforeEach
  void start() throws IOException {
    ecs = SigningEcs.start();
    Path credentials = home.resolve(".alibabacloud/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(
        credentials,
        "[default]\naccess_key_id = "
            + KEY_ID
            + "\naccess_key_secret = "
            + SECRET
            + "\n\n[wrong]\naccess_key_id = "
            + KEY_ID
            + "\naccess_key_secret = not-the-secret\n");
    // The provider reads the profile file under the user's home, as on a workstation.
    oldHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
  }

  @AfterEach
  void stop() {
    System.setProperty("user.home", oldHome);
    ecs.close();
  }

  private CliRun run(String... command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--provider",
                "aliyun",
                "--region",
                "cn-hangzhou",
                "--endpoint",
                "http://127.0.0.1:" + ecs.port()));
    args.addAll(List.of(command));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void theRightSecretIsAccepted() {
    CliRun run = run("--json", "images", "list");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Output.tree("{\"images\":" + run.out() + "}").path("images").size()).isZero();
    assertThat(ecs.calls()).containsExactly("DescribeImages");
  }

  @Test
  void aWrongSecretIsExitFourSignatureRejectedWithTheHint() {
    CliRun run = run("--profile", "wrong", "share", "m-bp1abc", "--account", "1000000000000001");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.PROVIDER);
    assertThat(run.err())
        .contains("signature rejected")
        .contains("SignatureDoesNotMatch")
        .contains("AccessKey secret belongs to the AccessKey id")
        .contains("clock")
        .doesNotContain("not-the-secret");
  }

  @Test
  void aShareOverTheQuotaIsExitOneBeforeAnyCallNamingTheQuota() {
    String[] args =
        IntStream.range(0, 11)
            .mapToObj(i -> "--account=" + (1000000000000000L + i))
            .collect(Collectors.toList())
            .toArray(String[]::new);
    List<String> command = new ArrayList<>(List.of("share", "m-bp1abc"));
    command.addAll(List.of(args));

    CliRun run = run(command.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err())
        .contains("quota 'accounts per ModifyImageSharePermission call'")
        .contains("the limit is 10");
    assertThat(ecs.calls()).isEmpty();
  }

  @Test
  void aMalformedImageIdIsExitThreeBeforeAnyCall() {
    for (String[] command :
        List.of(
            new String[] {"share", "ami-0abc", "--account", "1000000000000001"},
            new String[] {"unshare", "m-UPPER", "--account", "1000000000000001"},
            new String[] {"copy", "m-", "--to-region", "cn-shanghai", "--name", "x"},
            new String[] {"export", "m-a_b", "--to", "oss://bucket/p/", "--format", "qcow2"})) {
      CliRun run = run(command);

      assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isEqualTo(3);
      assertThat(run.err()).contains("is not an ECS image id");
    }
    assertThat(ecs.calls()).isEmpty();
  }

  @Test
  void aDeadlineThatIsNoDurationIsExitThreeBeforeAnyCall() {
    CliRun run =
        run("copy", "m-bp1abc", "--to-region", "cn-shanghai", "--name", "x", "--deadline", "soon");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--deadline: 'soon' is not a duration");
    assertThat(ecs.calls()).isEmpty();
  }

  @Test
  void anExportToAnotherSchemeIsExitThreeBeforeAnyCall() {
    CliRun run = run("export", "m-bp1abc", "--to", "s3://bucket/p/", "--format", "qcow2");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("oss://bucket/prefix");
    assertThat(ecs.calls()).isEmpty();
  }

  /**
   * An ECS endpoint that recomputes each request's RPC signature (HMAC-SHA1 over the sorted,
   * percent-encoded parameters, key {@code secret&}) and answers {@code SignatureDoesNotMatch} to a
   * wrong one; a correctly signed DescribeImages gets an empty page.
   */
  static final class SigningEcs implements AutoCloseable {
    private final HttpServer server;
    private final List<String> calls = new ArrayList<>();

    private SigningEcs(HttpServer server) {
      this.server = server;
    }

    static SigningEcs start() throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SigningEcs ecs = new SigningEcs(server);
      server.createContext("/", ecs::handle);
      server.start();
      return ecs;
    }

    int port() {
      return server.getAddress().getPort();
    }

    synchronized List<String> calls() {
      return List.copyOf(calls);
    }

    @Override
    public void close() {
      server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
      Map<String, String> p = new TreeMap<>();
      decode(exchange.getRequestURI().getRawQuery(), p);
      decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), p);
      synchronized (this) {
        calls.add(p.getOrDefault("Action", ""));
      }
      String body;
      int status;
      if (!sign(exchange.getRequestMethod(), p).equals(p.get("Signature"))) {
        status = 400;
        body =
            "{\"RequestId\":\"0C1D\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"SignatureDoesNotMatch\","
                + "\"Message\":\"Specified signature is not matched with our calculation.\"}";
      } else if ("DescribeImages".equals(p.get("Action"))) {
        status = 200;
        body =
            "{\"RequestId\":\"0C1E\",\"TotalCount\":0,\"PageNumber\":1,\"PageSize\":100,"
                + "\"RegionId\":\"cn-hangzhou\",\"Images\":{\"Image\":[]}}";
      } else {
        status = 404;
        body =
            "{\"RequestId\":\"0C1F\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"InvalidAction.NotFound\","
                + "\"Message\":\"Specified api is not found.\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    private static void decode(String raw, Map<String, String> into) {
      if (raw == null || raw.isEmpty()) {
        return;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        into.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }

    private static String sign(String method, Map<String, String> sorted) {
      String query =
          sorted.entrySet().stream()
              .filter(e -> !e.getKey().equals("Signature"))
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      String toSign = method + "&" + encode("/") + "&" + encode(query);
      try {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder()
            .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String value) {
      StringBuilder out = new StringBuilder();
      for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if (Character.isLetterOrDigit(c) && c < 0x80
            || c == '-'
            || c == '_'
            || c == '.'
            || c == '~') {
          out.append((char) c);
        } else {
          out.append(String.format("%%%02X", c));
        }
      }
      return out.toString();
    }
  }
}
