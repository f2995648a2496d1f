package io.cloudimage.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
  static final String ICE_LAKE =
      "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse4_2 lm avx avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni\n\nprocessor\t: 1\nflags\t\t: fpu\n";
  static final String GRAVITON3 =
      "processor\t: 0\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd aes sha2 crc32 atomics sve bf16\nCPU architecture: 8\n";

  static Image needing(Architecture arch, String... features) {
    return Image.builder()
        .id(new ImageId("local", "local", "img-1"))
        .name("x")
        .architecture(arch)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.EPOCH)
        .requiredCpuFeatures(Set.of(features))
        .build();
  }

  @Test
  void readsAvx512VariantsOnX86() {
    CpuFeatures c = CpuFeatures.parse(ICE_LAKE);
    assertThat(c.architecture()).isEqualTo(Architecture.X86_64);
    assertThat(c.hasAvx512()).isTrue();
    assertThat(c.avx512Variants())
        .containsExactly("avx512_vnni", "avx512bw", "avx512dq", "avx512f", "avx512vl");
    assertThat(c.has("AVX-512")).isTrue();
    assertThat(c.hasSve()).isFalse();
  }

  @Test
  void readsSveOnArm() {
    CpuFeatures c = CpuFeatures.parse(GRAVITON3);
    assertThat(c.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(c.hasSve()).isTrue();
    assertThat(c.hasAvx512()).isFalse();
  }

  @Test
  void answersWhetherAnImageRunsHere() {
    CpuFeatures ice = CpuFeatures.parse(ICE_LAKE);
    assertThat(ice.canRun(needing(Architecture.X86_64, "avx512f"))).isTrue();
    assertThat(ice.missingFor(needing(Architecture.X86_64, "amx_tile")))
        .containsExactly("amx_tile");
    assertThat(ice.missingFor(needing(Architecture.ARM64, "sve")))
        .containsExactly("architecture arm64", "sve");
    assertThat(CpuFeatures.normalise("avx-512-vnni")).isEqualTo("avx512_vnni");
  }

  @Test
  void detectsThisMachine() {
    CpuFeatures here = CpuFeatures.detect();
    assertThat(here.flags()).isNotEmpty();
    assertThat(here.architecture()).isNotNull();
  }
}
