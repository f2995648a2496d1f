package io.cloudimage.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class AssumedRoleTest {
  @Test
  void configCarriesTheRoleThroughItsBuilderAndCopies() {
    AssumedRole role =
        AssumedRole.of("arn:aws:iam::210987654321:role/lifecycle")
            .withExternalId("ext-42")
            .withSessionName("nightly");
    ProviderConfig config = ProviderConfig.builder().region("eu-west-1").role(role).build();

    assertThat(config.role()).isEqualTo(role);
    assertThat(config.withRegion("us-east-1").role()).isEqualTo(role);
    assertThat(config.withRole(null).role()).isNull();
    assertThat(role.externalId()).isEqualTo("ext-42");
    assertThat(AssumedRole.of("r").sessionName()).isEqualTo(AssumedRole.DEFAULT_SESSION_NAME);
  }

  @Test
  void blankIdsAndBadSessionNamesAreBadInput() {
    assertThatThrownBy(() -> AssumedRole.of(" "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> AssumedRole.of("r").withSessionName("has space"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has space");
    assertThat(AssumedRole.of("r").withExternalId("  ").externalId()).isNull();
  }
}
