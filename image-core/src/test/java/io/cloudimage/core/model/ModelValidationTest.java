package io.cloudimage.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  private static Image.Builder valid() {
    return Image.builder()
        .id(new ImageId("local", "local", "img-0000000000000001"))
        .name("web")
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void buildNamesTheMissingField() {
    assertThatThrownBy(() -> valid().architecture(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Image.architecture is required");
    assertThatThrownBy(() -> valid().name(" ").build()).hasMessageContaining("Image.name");
  }

  @Test
  void buildNamesTheWrongValue() {
    assertThatThrownBy(() -> valid().sizeBytes(-1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Image.sizeBytes must be >= 0, was -1");
    assertThatThrownBy(() -> valid().lastLaunched(Instant.parse("2025-01-01T00:00:00Z")).build())
        .hasMessageContaining("Image.lastLaunched");
  }

  @Test
  void toBuilderMakesAChangedCopyAndLeavesTheOriginal() {
    Image image = valid().build();
    Image archived = image.toBuilder().tier(StorageTier.ARCHIVE).build();
    assertThat(image.storage().tier()).isEqualTo(StorageTier.HOT);
    assertThat(archived.storage().tier()).isEqualTo(StorageTier.ARCHIVE);
    assertThat(archived.toBuilder().tier(StorageTier.HOT).build()).isEqualTo(image);
  }

  @Test
  void parsersListTheAcceptedValues() {
    assertThat(Architecture.parse("aarch64")).isEqualTo(Architecture.ARM64);
    assertThat(OperatingSystem.parse("windows:2022:Datacenter").edition()).isEqualTo("Datacenter");
    assertThatThrownBy(() -> OperatingSystem.parse("ubuntu"))
        .hasMessageContaining("FAMILY:VERSION");
    assertThatThrownBy(() -> StorageTier.parse("lukewarm"))
        .hasMessageContaining("hot, warm, cold or archive");
    assertThat(OperatingSystem.compareVersions("9.10", "9.2")).isPositive();
  }

  @Test
  void incrementalLayerNeedsAParent() {
    assertThatThrownBy(
            () -> new ImageLayer("l2", ImageLayer.Kind.INCREMENTAL, null, "", 1, StorageTier.HOT))
        .hasMessageContaining("ImageLayer.parentId is required");
  }
}
