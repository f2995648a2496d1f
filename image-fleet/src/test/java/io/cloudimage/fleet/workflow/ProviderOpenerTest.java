package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.fleet.Shard;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The configuration a shard's provider is opened with. */
class ProviderOpenerTest {
  @Test
  void aShardActsAsItsAccountsRoleInItsRegionThroughItsEndpoint() {
    Shard shard =
        new Shard(
            "aws",
            "111111111111",
            "arn:aws:iam::111111111111:role/cloudimage-lifecycle",
            "eu-west-1",
            "http://127.0.0.1:5000",
            null,
            "ext-42");

    ProviderConfig config = ProviderOpener.config(shard);

    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(config.role())
        .isEqualTo(
            AssumedRole.of("arn:aws:iam::111111111111:role/cloudimage-lifecycle")
                .withExternalId("ext-42")
                .withSessionName(ProviderOpener.SESSION_NAME));
  }

  @Test
  void aShardWithoutARoleActsAsTheCaller() {
    Shard shard = new Shard("local", "team-a", null, "us-east-1", null, "/tmp/homes/a", null);

    assertThat(ProviderOpener.config(shard).role()).isNull();
    assertThat(ProviderOpener.config(shard).home()).hasToString("/tmp/homes/a");
  }
}
