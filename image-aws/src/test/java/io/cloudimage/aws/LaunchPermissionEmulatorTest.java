package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Sharing;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Image launch permissions for accounts, organisations and OUs, against the emulator. */
class LaunchPermissionEmulatorTest {
  private static final String ORG = "arn:aws:organizations::123456789012:organization/o-abcde12345";
  private static final String OU =
      "arn:aws:organizations::123456789012:ou/o-abcde12345/ou-ab12-cdef3456";

  private Emulator aws;
  private ImageProvider provider;

  @BeforeEach
  void open() {
    aws = Emulator.fresh();
    provider = AwsProviderFactory.open(aws.config(), aws.options);
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void anImageIsSharedWithAnAccountAnOrganisationAndAnOuAndUnsharedAgain() {
    String id = aws.image("shared");

    provider.share(id, Set.of("111122223333", ORG, OU));
    Sharing shared = provider.describe(id).usage().sharing();
    assertThat(shared.accounts()).containsExactly("111122223333");
    assertThat(shared.organisations()).containsExactlyInAnyOrder(ORG, OU);

    provider.unshare(id, Set.of(ORG, "111122223333"));
    Sharing left = provider.describe(id).usage().sharing();
    assertThat(left.accounts()).isEmpty();
    assertThat(left.organisations()).containsExactly(OU);
  }

  @Test
  void aGranteeThatIsNeitherAnAccountNorAnOrganisationArnIsBadInput() {
    String id = aws.image("not-shared");
    assertThatThrownBy(() -> provider.share(id, Set.of("o-abcde12345")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(provider.describe(id).usage().sharing().isShared()).isFalse();
  }
}
