package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.SignatureStatus;
import io.cloudimage.core.model.StorageTier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RankingPropertiesTest {
  static final String[] VERSIONS = {"22.04", "24.04", "20.04"};

  static List<Image> candidates(long seed, int n) {
    Random r = new Random(seed);
    List<Image> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Image.builder()
              .id(new ImageId("aws", "us-east-1", "ami-" + i))
              .name("img-" + i)
              .architecture(r.nextBoolean() ? Architecture.ARM64 : Architecture.X86_64)
              .os(OsFamily.UBUNTU, VERSIONS[r.nextInt(VERSIONS.length)])
              .created(Instant.parse("2026-01-01T00:00:00Z"))
              .lastPatched(
                  Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(r.nextInt(300))))
              .sizeBytes((1L + r.nextInt(4)) << 30) // few distinct values: many ties
              .tier(r.nextBoolean() ? StorageTier.HOT : StorageTier.WARM)
              .verifiedPublisher(r.nextBoolean())
              .signature(r.nextBoolean() ? SignatureStatus.VALID : SignatureStatus.UNKNOWN)
              .knownVulnerabilities(r.nextInt(3) - 1)
              .build());
    }
    return out;
  }

  static final ImageSelector BASE =
      ImageSelector.builder()
          .scenario(Scenario.MICROSERVICE)
          .clock(ScenarioOutcomesTest.CLOCK)
          .build();

  static ImageSelector selector(int top) {
    return BASE.toBuilder().top(top).build();
  }

  @Property(tries = 60)
  void topNEqualsTheFirstNOfAFullSortInAnyInputOrder(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 15) int top) {
    List<Image> images = candidates(seed, n);
    ImageSelector selector = selector(top);
    List<String> topN = ids(selector.select(images));

    // full sort of every candidate's evaluation, same order rules
    List<RankedImage> all = new ArrayList<>();
    for (Image i : images) {
      if (selector.evaluate(i) instanceof RankedImage r) {
        all.add(r);
      }
    }
    all.sort(
        Comparator.comparingDouble((RankedImage x) -> -x.score())
            .thenComparing(x -> x.image().id().toString()));
    List<String> expected = all.stream().limit(top).map(x -> x.image().id().nativeId()).toList();
    assertThat(topN).isEqualTo(expected);

    List<Image> shuffled = new ArrayList<>(images);
    Collections.shuffle(shuffled, new Random(seed ^ 0x5DEECE66DL));
    assertThat(ids(selector.select(shuffled))).isEqualTo(topN);
  }

  static List<String> ids(Selection s) {
    return s.ranked().stream().map(r -> r.image().id().nativeId()).toList();
  }
}
