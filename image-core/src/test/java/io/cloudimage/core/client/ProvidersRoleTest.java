package io.cloudimage.core.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersRoleTest {
  @TempDir Path home;

  @Test
  void theLocalProviderRefusesToActAsARole() {
    ProviderConfig config =
        ProviderConfig.builder().home(home).role(AssumedRole.of("someone")).build();

    assertThatThrownBy(() -> Providers.open("local", config))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot act as role 'someone'");
  }
}
