package io.cloudimage.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.pricing.Money;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetReaderTest {
  private static final FleetReader READER = new FleetReader(Set.of("aws", "local"));
  private static final Path BASE = Path.of("/fleets");

  private static Fleet parse(String yaml) {
    return READER.parse(new StringReader(yaml), "fleet.yaml", BASE);
  }

  private static final String PROD =
      """
      name: prod
      provider: aws
      regions: [us-east-1, eu-west-1]
      accounts:
        - id: "111111111111"
          role: arn:aws:iam::111111111111:role/cloudimage-lifecycle   # assumed per shard
        - id: "222222222222"
          role: arn:aws:iam::222222222222:role/cloudimage-lifecycle
      endpoint: https://ec2.example
      policy: default
      maxConcurrentShards: 32
      maxFailedShards: 5
      callsPerSecondPerShard: 5
      approval: {above: {monthlySaving: 1000 USD, deletions: 50}}
      """;

  @Test
  void theFleetOfTheDocumentationReadsIntoAccountsTimesRegions() {
    Fleet fleet = parse(PROD);
    assertThat(fleet.name()).isEqualTo("prod");
    assertThat(fleet.maxConcurrentShards()).isEqualTo(32);
    assertThat(fleet.maxFailedShards()).isEqualTo(5);
    assertThat(fleet.callsPerSecondPerShard()).isEqualTo(5.0);
    assertThat(fleet.endpoint()).isEqualTo("https://ec2.example");
    assertThat(fleet.policy()).isEqualTo("default");
    assertThat(fleet.approval().monthlySaving()).isEqualTo(Money.of("1000", "USD"));
    assertThat(fleet.approval().deletions()).isEqualTo(50);
    assertThat(fleet.shards())
        .extracting(Shard::id)
        .containsExactly(
            "aws/111111111111/us-east-1",
            "aws/111111111111/eu-west-1",
            "aws/222222222222/us-east-1",
            "aws/222222222222/eu-west-1");
    assertThat(fleet.shards().get(2).role())
        .isEqualTo("arn:aws:iam::222222222222:role/cloudimage-lifecycle");
  }

  @Test
  void localShardsGetAHomePerAccountAndRegionBelowTheFleetsHome() {
    Fleet fleet =
        parse(
            """
            name: lab
            provider: local
            home: homes
            regions: [lab-1]
            accounts: [{id: team-a}, {id: team-b}]
            policy: policies/p.yaml
            """);
    assertThat(fleet.shards())
        .extracting(Shard::home)
        .containsExactly("/fleets/homes/team-a/lab-1", "/fleets/homes/team-b/lab-1");
    assertThat(fleet.policy()).isEqualTo("/fleets/policies/p.yaml");
    assertThat(fleet.maxFailedShards()).isEqualTo(Integer.MAX_VALUE);
    assertThat(fleet.approval()).isEqualTo(ApprovalThresholds.NONE);
  }

  @Test
  void aDuplicateAccountIsRefusedNamingBothLines() {
    String yaml =
        PROD.replace("\"222222222222\"", "\"111111111111\"")
            .replace("::222222222222:", "::111111111111:");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fleet.yaml, line 7:")
        .hasMessageContaining("duplicate target")
        .hasMessageContaining("line 5");
  }

  @Test
  void aDuplicateRegionIsRefusedWithItsLine() {
    assertThatThrownBy(() -> parse(PROD.replace("eu-west-1]", "us-east-1]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3:")
        .hasMessageContaining("duplicate target: region 'us-east-1'");
  }

  @Test
  void anUnknownProviderIsRefusedListingThoseThatExist() {
    assertThatThrownBy(() -> parse(PROD.replace("provider: aws", "provider: gcp")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2:")
        .hasMessageContaining("unknown provider 'gcp'; available: aws, local");
  }

  @Test
  void aMalformedRegionIsRefusedWithItsLine() {
    assertThatThrownBy(() -> parse(PROD.replace("eu-west-1]", "EU West]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3:")
        .hasMessageContaining("region 'EU West' is malformed");
  }

  @Test
  void anAwsAccountWithoutARoleIsRefusedWithTheAccountsLine() {
    String yaml =
        PROD.replace("    role: arn:aws:iam::222222222222:role/cloudimage-lifecycle\n", "");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 7:")
        .hasMessageContaining("account 222222222222 has no role");
  }

  @Test
  void aRoleOfAnotherAccountIsRefused() {
    String yaml = PROD.replace("::222222222222:role", "::333333333333:role");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 8:")
        .hasMessageContaining("belongs to account 333333333333");
  }

  @Test
  void anExternalIdGoesWithItsAccountsRoleToEveryShardOfTheAccount() {
    String yaml =
        PROD.replace(
            "role: arn:aws:iam::222222222222:role/cloudimage-lifecycle\n",
            "role: arn:aws:iam::222222222222:role/cloudimage-lifecycle\n    externalId: ext-42\n");
    Fleet fleet = parse(yaml);

    assertThat(fleet.shards())
        .extracting(Shard::externalId)
        .containsExactly(null, null, "ext-42", "ext-42");
  }

  @Test
  void anExternalIdWithoutARoleIsRefusedWithItsLine() {
    String yaml =
        PROD.replace("name: prod\nprovider: aws", "name: prod\nprovider: local")
            .replace(
                "  - id: \"111111111111\"\n    role: arn:aws:iam::111111111111:role/cloudimage-lifecycle   # assumed per shard\n",
                "  - id: team-a\n    externalId: ext-42\n")
            .replace(
                "  - id: \"222222222222\"\n    role: arn:aws:iam::222222222222:role/cloudimage-lifecycle\n",
                "")
            .replace("endpoint: https://ec2.example\n", "");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 6")
        .hasMessageContaining("externalId is given without a role");
  }

  @Test
  void unknownFieldsAndNonPositiveLimitsAreRefusedWithTheirLines() {
    assertThatThrownBy(() -> parse(PROD + "maxConcurentShards: 3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 15:")
        .hasMessageContaining("unknown field 'maxConcurentShards'");
    assertThatThrownBy(() -> parse(PROD.replace("maxFailedShards: 5", "maxFailedShards: -1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 12:")
        .hasMessageContaining("maxFailedShards must be a whole number, 0 or more");
    assertThatThrownBy(() -> parse(PROD.replace("1000 USD", "lots")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 14:")
        .hasMessageContaining("not an amount and a currency");
  }

  @Test
  void approvalIsNeededAboveEitherThreshold() {
    ApprovalThresholds t = parse(PROD).approval();
    assertThat(t.requireApproval(Money.of("999", "USD"), 50)).isFalse();
    assertThat(t.requireApproval(Money.of("1000.01", "USD"), 0)).isTrue();
    assertThat(t.requireApproval(Money.of("1", "USD"), 51)).isTrue();
    assertThat(t.requireApproval(Money.of("1", "CNY"), 0)).isTrue();
  }
}
