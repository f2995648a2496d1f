package io.cloudimage.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.CgroupState;
import io.cloudimage.core.model.DeviceBinding;
import io.cloudimage.core.model.FilesystemInfo;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageLayer;
import io.cloudimage.core.model.NetworkState;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.StorageTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
  @Test
  void everyFieldSurvivesARoundTrip() {
    Image image =
        Image.builder()
            .id(new ImageId("aws", "eu-west-1", "ami-0abc"))
            .name("db")
            .architecture(Architecture.ARM64)
            .os(OsFamily.DEBIAN, "12")
            .created(Instant.parse("2026-01-01T00:00:00Z"))
            .lastLaunched(Instant.parse("2026-02-01T00:00:00Z"))
            .requiredCpuFeatures(Set.of("avx512f"))
            .deviceBindings(
                List.of(
                    new DeviceBinding(
                        "/dev/xvda",
                        8L << 30,
                        "gp3",
                        "snap-1",
                        true,
                        "key-1",
                        3000,
                        125,
                        "vol0",
                        "md0")))
            .networkState(
                new NetworkState(
                    List.of(
                        new NetworkState.Interface(
                            "eth0", "02:00:00:00:00:01", List.of("10.0.0.5/24"))),
                    List.of(new NetworkState.Route("0.0.0.0/0", "10.0.0.1", "eth0"))))
            .filesystems(List.of(new FilesystemInfo("xfs", "u-1", "root", "/", 100, 40)))
            .cgroupState(
                new CgroupState(
                    "/system.slice/db.service",
                    List.of("cpu", "memory"),
                    200_000,
                    100_000,
                    1L << 30))
            .layers(
                List.of(
                    new ImageLayer(
                        "l1", ImageLayer.Kind.FULL, null, "sha256:aa", 10, StorageTier.HOT),
                    new ImageLayer(
                        "l2", ImageLayer.Kind.INCREMENTAL, "l1", "sha256:bb", 2, StorageTier.WARM)))
            .sharing(new Sharing(Set.of("111122223333"), Set.of()))
            .bootTime(Duration.ofMillis(4200))
            .benchmarks(Map.of("fio.randread.iops", 12000.0))
            .knownVulnerabilities(3)
            .tag("team", "data")
            .build();
    ObjectNode json = ImageJson.write(image);
    assertThat(json.get("id").asText()).isEqualTo("ami-0abc");
    assertThat(ImageJson.readImage(json, "test", "x", "y")).isEqualTo(image);
  }

  @Test
  void readingNamesThePlaceAndTheField() {
    ObjectNode json = ImageJson.MAPPER.createObjectNode();
    json.put("id", "img-1")
        .put("name", "n")
        .put("architecture", "x86_64")
        .put("created", "yesterday");
    json.putObject("os").put("family", "ubuntu").put("version", "24.04");
    assertThatThrownBy(() -> ImageJson.readImage(json, "inventory.json image #3", "local", "local"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("inventory.json image #3: 'created' must be an ISO-8601 instant");
    json.put("created", "2026-01-01T00:00:00Z").put("architecture", "mips");
    assertThatThrownBy(() -> ImageJson.readImage(json, "inventory.json image #3", "local", "local"))
        .hasMessageContaining("'architecture'")
        .hasMessageContaining("x86_64");
  }
}
