package io.cloudimage.fleet;

import io.cloudimage.core.client.Providers;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a fleet file (YAML) into a {@link Fleet}, strictly: every error names the file and the
 * line.
 *
 * <pre>{@code
 * name: prod
 * provider: aws
 * regions: [us-east-1, eu-west-1]
 * accounts:
 *   - id: "111111111111"
 *     role: arn:aws:iam::111111111111:role/cloudimage-lifecycle
 *     externalId: ext-42           # optional, when the role's trust policy asks for one
 * endpoint: https://ec2.example      # optional
 * home: homes                        # the local provider: a home per account and region below
 * policy: default                    # or a policy file, relative to the fleet file
 * maxConcurrentShards: 32
 * maxFailedShards: 5
 * callsPerSecondPerShard: 5
 * approval: {above: {monthlySaving: 1000 USD, deletions: 50}}
 * }</pre>
 *
 * <p>Refused: unknown fields, a provider no {@link Providers factory} offers, a malformed region,
 * an account or region named twice, an AWS account without a role (or with a role of another
 * account), limits that are not positive ({@code maxFailedShards} may be 0: stop at the first
 * failure).
 *
 * <p>Over 400 lines because every field's check sits beside the small line-keeping reader of one
 * YAML mapping it uses, so that each refusal above names its file, line and field in one place.
 */
public final class FleetReader {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "provider",
          "regions",
          "accounts",
          "endpoint",
          "home",
          "policy",
          "maxConcurrentShards",
          "maxFailedShards",
          "callsPerSecondPerShard",
          "approval");

  /** Lower-case words joined by dashes, ending in a word or a number: us-east-1, cn-hangzhou. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

  /** An AWS region: us-east-1, us-gov-west-1, ap-southeast-2. */
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  private static final Pattern AWS_ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern AWS_ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

  private final Set<String> providers;

  /** A reader that accepts the given provider names (tests; see {@link #read(Path)}). */
  public FleetReader(Set<String> providers) {
    this.providers = Set.copyOf(providers);
  }

  /**
   * Reads a fleet file, accepting the providers on the class path.
   *
   * @throws InvalidInputException naming the file and line of what is wrong
   * @throws NotFoundException when the file does not exist
   */
  public static Fleet read(Path file) {
    return new FleetReader(Providers.factories().keySet()).readFile(file);
  }

  /** Reads a fleet file; see {@link #read(Path)}. */
  public Fleet readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("fleet file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(new StringReader(text), file.toString(), base == null ? Path.of("") : base);
  }

  /**
   * Reads a fleet document; relative paths ({@code home}, a policy file) resolve against {@code
   * base}.
   */
  public Fleet parse(Reader in, String source, Path base) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(in);
    } catch (YAMLException e) {
      throw new InvalidInputException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new InvalidInputException(source + ": the fleet file is empty");
    }
    Fields top = fields(source, root, "the fleet");
    top.requireOnly(FIELDS);
    String name = top.text("name");
    String provider = top.text("provider");
    if (!providers.contains(provider)) {
      throw top.error(
          "provider",
          "unknown provider '"
              + provider
              + "'; available: "
              + String.join(", ", new java.util.TreeSet<>(providers)));
    }
    boolean aws = "aws".equals(provider);
    List<String> regions = regions(source, top, aws);
    List<FleetAccount> accounts = accounts(source, top, aws);
    String endpoint = top.optionalText("endpoint");
    if (endpoint != null) {
      try {
        URI uri = new URI(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw top.error("endpoint", "endpoint '" + endpoint + "' is not an absolute URL");
        }
      } catch (URISyntaxException e) {
        throw top.error("endpoint", "endpoint '" + endpoint + "' is not a URL: " + e.getReason());
      }
    }
    String home = top.optionalText("home");
    if (home != null) {
      home = base.resolve(home).normalize().toString();
    }
    String policy = top.optionalText("policy");
    if (policy == null || policy.equals("default")) {
      policy = "default";
    } else {
      policy = base.resolve(policy).normalize().toString();
    }
    int concurrent = top.positiveInt("maxConcurrentShards", 8);
    int failed = top.count("maxFailedShards", Integer.MAX_VALUE);
    double pace = top.positiveNumber("callsPerSecondPerShard", 5);
    ApprovalThresholds approval = approval(source, top);
    return new Fleet(
        name,
        provider,
        regions,
        accounts,
        endpoint,
        home,
        policy,
        concurrent,
        failed,
        pace,
        approval);
  }

  private static List<String> regions(String source, Fields top, boolean aws) {
    SequenceNode list = top.list("regions");
    List<String> regions = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Node n : list.getValue()) {
      String region = scalar(source, n, "a region");
      Pattern shape = aws ? AWS_REGION : REGION;
      if (!shape.matcher(region).matches()) {
        throw new InvalidInputException(
            at(source, n)
                + "region '"
                + region
                + "' is malformed; write it as the provider names it, such as "
                + (aws ? "us-east-1" : "cn-hangzhou or us-east-1"));
      }
      Integer first = seen.putIfAbsent(region, line(n));
      if (first != null) {
        throw new InvalidInputException(
            at(source, n)
                + "duplicate target: region '"
                + region
                + "' is already listed on line "
                + first);
      }
      regions.add(region);
    }
    if (regions.isEmpty()) {
      throw top.error("regions", "regions is empty; name at least one region");
    }
    return regions;
  }

  private static List<FleetAccount> accounts(String source, Fields top, boolean aws) {
    SequenceNode list = top.list("accounts");
    List<FleetAccount> accounts = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Node n : list.getValue()) {
      Fields account = fields(source, n, "an account");
      account.requireOnly(Set.of("id", "role", "externalId"));
      String id = account.text("id");
      String role = account.optionalText("role");
      String externalId = account.optionalText("externalId");
      if (externalId != null && role == null) {
        throw account.error(
            "externalId",
            "externalId is given without a role; it belongs to the role's trust policy");
      }
      if (aws) {
        if (!AWS_ACCOUNT.matcher(id).matches()) {
          throw account.error(
              "id", "account id '" + id + "' is not a 12-digit AWS account id (quote it)");
        }
        if (role == null) {
          throw new InvalidInputException(
              at(source, n)
                  + "account "
                  + id
                  + " has no role; add role: arn:aws:iam::"
                  + id
                  + ":role/NAME, the role assumed in each of its regions");
        }
        java.util.regex.Matcher m = AWS_ROLE.matcher(role);
        if (!m.matches()) {
          throw account.error(
              "role", "role '" + role + "' is not an IAM role ARN (arn:aws:iam::ID:role/NAME)");
        }
        if (!m.group(1).equals(id)) {
          throw account.error(
              "role", "role '" + role + "' belongs to account " + m.group(1) + ", not " + id);
        }
      } else if (id.isBlank() || id.contains("/") || id.contains("\\") || id.startsWith(".")) {
        throw account.error("id", "account id '" + id + "' must be a plain name");
      }
      Integer first = seen.putIfAbsent(id, line(n));
      if (first != null) {
        throw new InvalidInputException(
            at(source, n)
                + "duplicate target: account "
                + id
                + " is already listed on line "
                + first);
      }
      accounts.add(new FleetAccount(id, role, externalId));
    }
    if (accounts.isEmpty()) {
      throw top.error("accounts", "accounts is empty; name at least one account");
    }
    return accounts;
  }

  private static ApprovalThresholds approval(String source, Fields top) {
    Node node = top.node("approval");
    if (node == null) {
      return ApprovalThresholds.NONE;
    }
    Fields approval = fields(source, node, "approval");
    approval.requireOnly(Set.of("above"));
    Node aboveNode = approval.node("above");
    if (aboveNode == null) {
      throw new InvalidInputException(
          at(source, node) + "approval needs above: {monthlySaving: AMOUNT CUR, deletions: N}");
    }
    Fields above = fields(source, aboveNode, "approval.above");
    above.requireOnly(Set.of("monthlySaving", "deletions"));
    String saving = above.optionalText("monthlySaving");
    Money money = null;
    if (saving != null) {
      String[] parts = saving.trim().split("\\s+");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        money = Money.of(new BigDecimal(parts[0]), parts[1]);
      } catch (NumberFormatException e) {
        throw above.error(
            "monthlySaving",
            "monthlySaving '" + saving + "' is not an amount and a currency, such as 1000 USD");
      } catch (InvalidInputException e) {
        throw above.error("monthlySaving", String.valueOf(e.getMessage()));
      }
    }
    Integer deletions =
        above.node("deletions") == null ? null : above.positiveInt("deletions", Integer.MAX_VALUE);
    return new ApprovalThresholds(money, deletions);
  }

  private static String scalar(String source, Node n, String what) {
    if (!(n instanceof ScalarNode s)) {
      throw new InvalidInputException(at(source, n) + what + " must be a plain value");
    }
    return s.getValue().trim();
  }

  private static Fields fields(String source, Node n, String what) {
    if (!(n instanceof MappingNode m)) {
      throw new InvalidInputException(at(source, n) + what + " must be a mapping of fields");
    }
    Map<String, NodeTuple> byName = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(source, t.getKeyNode(), "a field name");
      if (byName.putIfAbsent(key, t) != null) {
        throw new InvalidInputException(
            at(source, t.getKeyNode()) + "field '" + key + "' is given twice");
      }
    }
    return new Fields(source, n, what, byName);
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  private static String at(String source, Node n) {
    return source + ", line " + line(n) + ": ";
  }

  /** The fields of one mapping, with the lines they are on. */
  private record Fields(String source, Node self, String what, Map<String, NodeTuple> byName) {
    void requireOnly(Set<String> allowed) {
      for (Map.Entry<String, NodeTuple> e : byName.entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw new InvalidInputException(
              at(source, e.getValue().getKeyNode())
                  + "unknown field '"
                  + e.getKey()
                  + "' in "
                  + what
                  + "; known: "
                  + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
      }
    }

    @Nullable Node node(String field) {
      NodeTuple t = byName.get(field);
      return t == null ? null : t.getValueNode();
    }

    InvalidInputException error(String field, String message) {
      Node n = node(field);
      return new InvalidInputException(at(source, n == null ? self : n) + message);
    }

    String text(String field) {
      String value = optionalText(field);
      if (value == null || value.isEmpty()) {
        throw new InvalidInputException(
            at(source, self) + what + " needs the field '" + field + "'");
      }
      return value;
    }

    @Nullable String optionalText(String field) {
      Node n = node(field);
      return n == null ? null : scalar(source, n, field);
    }

    SequenceNode list(String field) {
      Node n = node(field);
      if (n == null) {
        throw new InvalidInputException(
            at(source, self) + what + " needs the field '" + field + "' (a list)");
      }
      if (!(n instanceof SequenceNode s)) {
        throw new InvalidInputException(at(source, n) + field + " must be a list");
      }
      return s;
    }

    int positiveInt(String field, int absent) {
      String text = optionalText(field);
      if (text == null) {
        return absent;
      }
      try {
        int v = Integer.parseInt(text);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(field, field + " must be a positive whole number, was '" + text + "'");
    }

    int count(String field, int absent) {
      String text = optionalText(field);
      if (text == null) {
        return absent;
      }
      try {
        int v = Integer.parseInt(text);
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(field, field + " must be a whole number, 0 or more, was '" + text + "'");
    }

    double positiveNumber(String field, double absent) {
      String text = optionalText(field);
      if (text == null) {
        return absent;
      }
      try {
        double v = Double.parseDouble(text);
        if (v > 0 && Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(field, field + " must be a positive number, was '" + text + "'");
    }
  }
}
