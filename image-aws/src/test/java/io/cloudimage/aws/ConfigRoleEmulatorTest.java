package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration's role: {@code Providers.open("aws", config)} reaches a second account through
 * STS AssumeRole, the configuration's role wins over the environment's, and a role given explicitly
 * in the options is kept.
 */
class ConfigRoleEmulatorTest {
  private Emulator home;
  private Emulator other;

  @BeforeEach
  void open() {
    home = Emulator.fresh();
    other = Emulator.fresh();
  }

  @AfterEach
  void close() {
    if (home != null) {
      home.close();
    }
    if (other != null) {
      other.close();
    }
  }

  private static AwsOptions keysOnly() {
    return AwsOptions.DEFAULTS.withCredentials(Emulator.KEYS);
  }

  @Test
  void theConfigurationsRoleReachesTheOtherAccountsImages() {
    String mine = home.image("home-image");
    String theirs = other.image("other-image");
    ProviderConfig config = home.config().withRole(AssumedRole.of(other.role()));

    try (ImageProvider p = AwsProviderFactory.open(config, keysOnly())) {
      assertThat(p.identity()).isEqualTo("aws:" + other.account + ":us-east-1");
      assertThat(p.images().map(Image::nativeId)).containsExactly(theirs).doesNotContain(mine);
    }
  }

  @Test
  void providersOpenAssumesTheConfigurationsRoleWithTheDefaultCredentialChain() {
    String theirs = other.image("through-providers-open");
    ProviderConfig config =
        home.config()
            .withRole(
                AssumedRole.of(other.role()).withExternalId("ext-42").withSessionName("fleet"));
    // The default chain reads these system properties before the environment and profiles.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try (ImageProvider p = Providers.open("aws", config)) {
      assertThat(p.identity()).isEqualTo("aws:" + other.account + ":us-east-1");
      assertThat(p.images().map(Image::nativeId)).containsExactly(theirs);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theConfigurationsRoleWinsOverTheEnvironmentsAndExplicitOptionsWinOverBoth() {
    ProviderConfig config = home.config().withRole(AssumedRole.of(other.role()));
    AwsOptions fromEnvironment =
        AwsOptions.fromEnvironment(Map.of("CLOUDIMAGE_AWS_ROLE_ARN", home.role())::get);

    AwsOptions chosen =
        AwsProviderFactory.options(config, fromEnvironment).withCredentials(Emulator.KEYS);
    try (ImageProvider p = AwsProviderFactory.open(config, chosen)) {
      assertThat(p.identity()).isEqualTo("aws:" + other.account + ":us-east-1");
    }
    try (ImageProvider p = AwsProviderFactory.open(config, home.options)) {
      assertThat(p.identity()).isEqualTo("aws:" + home.account + ":us-east-1");
    }
    assertThat(AwsProviderFactory.options(home.config(), fromEnvironment).roleArn())
        .isEqualTo(home.role());
  }

  @Test
  void aConfigurationRoleThatIsNotAnIamRoleArnIsBadInput() {
    ProviderConfig config = home.config().withRole(AssumedRole.of("role/cloudimage"));
    assertThatThrownBy(() -> AwsProviderFactory.open(config, keysOnly()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an IAM role ARN");
  }
}
