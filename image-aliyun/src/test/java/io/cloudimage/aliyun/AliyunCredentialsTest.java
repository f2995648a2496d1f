package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliyunCredentialsTest {
  @TempDir Path home;

  @Test
  void theCurrentEnvironmentVariablesComeFirst() {
    AliyunCredentials c =
        AliyunCredentials.resolve(
            null,
            Map.of(
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAInew",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cret-new",
                "ALICLOUD_ACCESS_KEY", "LTAIold",
                "ALICLOUD_SECRET_KEY", "s3cret-old"),
            home);
    assertThat(c.accessKeyId()).isEqualTo("LTAInew");
    assertThat(c.secret()).isEqualTo("s3cret-new");
  }

  @Test
  void theOlderEnvironmentVariablesAreRead() {
    AliyunCredentials c =
        AliyunCredentials.resolve(
            null,
            Map.of("ALICLOUD_ACCESS_KEY", "LTAIold", "ALICLOUD_SECRET_KEY", "s3cret-old"),
            home);
    assertThat(c.accessKeyId()).isEqualTo("LTAIold");
  }

  @Test
  void theProfileFileIsReadForTheNamedProfile() throws Exception {
    Path dir = Files.createDirectories(home.resolve(".alibabacloud"));
    Files.writeString(
        dir.resolve("credentials"),
        "[default]\ntype = access_key\naccess_key_id = LTAIdef\naccess_key_secret = def-secret\n"
            + "\n[prod]\naccess_key_id = LTAIprod\naccess_key_secret = prod-secret\n");
    assertThat(AliyunCredentials.resolve(null, Map.of(), home).accessKeyId()).isEqualTo("LTAIdef");
    assertThat(AliyunCredentials.resolve("prod", Map.of(), home).accessKeyId())
        .isEqualTo("LTAIprod");
    assertThat(
            AliyunCredentials.resolve(null, Map.of("ALIBABA_CLOUD_PROFILE", "prod"), home).secret())
        .isEqualTo("prod-secret");
  }

  @Test
  void noCredentialsNamesEveryPlaceLookedAt() {
    assertThatThrownBy(() -> AliyunCredentials.resolve(null, Map.of(), home))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .hasMessageContaining("ALICLOUD_ACCESS_KEY")
        .hasMessageContaining(".alibabacloud");
  }

  @Test
  void theSecretNeverAppearsInTheStringForm() {
    AliyunCredentials c = AliyunCredentials.of("LTAIabc", "very-secret-value");
    assertThat(c.toString()).contains("LTAIabc").doesNotContain("very-secret-value");
  }
}
