package io.cloudimage.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.json.internal.model.ModelTrees;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageLayer;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.NetworkState;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageJsonTest {
  @TempDir Path dir;

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
    String json = ImageJson.toJson(image);
    assertThat(JsonTrees.parse(json, "test").get("id").asText()).isEqualTo("ami-0abc");
    assertThat(ImageJson.parse(json)).isEqualTo(image);
  }

  @Test
  void aFileReadsBackTheImageWrittenToIt() throws Exception {
    Image image = image("img-1");
    Path file = dir.resolve("img-1.json");
    try (Writer out = Files.newBufferedWriter(file)) {
      ImageJson.write(out, image);
    }
    assertThat(Files.readString(file)).isEqualTo(ImageJson.toJson(image));
    assertThat(ImageJson.read(file)).isEqualTo(image);
  }

  @Test
  void anArrayHoldsEachImageCompactlyInOrderAndCountsThem() {
    List<Image> images = List.of(image("img-1"), image("img-2"), image("img-3"));
    StringWriter out = new StringWriter();
    assertThat(ImageJson.writeArray(out, images)).isEqualTo(3);
    String text = out.toString();
    assertThat(text).startsWith("[{\"id\":\"img-1\"").endsWith("}]").doesNotContain("\n");
    JsonNode array = JsonTrees.parse(text, "array");
    assertThat(array.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(ImageJson.parse(array.get(i).toString())).isEqualTo(images.get(i));
    }
  }

  @Test
  void anEmptyArrayIsWrittenAsBrackets() {
    StringWriter out = new StringWriter();
    assertThat(ImageJson.writeArray(out, List.of())).isZero();
    assertThat(out).hasToString("[]");
  }

  @Test
  void aSnapshotSurvivesARoundTrip() {
    Snapshot snapshot =
        Snapshot.builder()
            .id("snap-1")
            .provider("aws")
            .region("eu-west-1")
            .created(Instant.parse("2026-01-02T03:04:05Z"))
            .volumeSizeBytes(1L << 30)
            .tier(StorageTier.ARCHIVE)
            .tags(Tags.of(Map.of("team", "data")))
            .build();
    assertThat(ImageJson.parseSnapshot(ImageJson.toJson(snapshot))).isEqualTo(snapshot);
  }

  @Test
  void parsingRequiresTheProviderAndTheRegion() {
    ObjectNode json = (ObjectNode) JsonTrees.parse(ImageJson.toJson(image("img-1")), "test");
    json.remove("region");
    assertThatThrownBy(() -> ImageJson.parse(json.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("image JSON: 'region' is required");
  }

  @Test
  void readingRefusesARepeatedKeyNamingTheFileAndLine() throws Exception {
    Path file = dir.resolve("dup.json");
    Files.writeString(file, "{\n\"id\": \"a\",\n\"id\": \"b\"\n}");
    assertThatThrownBy(() -> ImageJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dup.json line 3")
        .hasMessageContaining("duplicate key 'id'");
  }

  @Test
  void readingAMissingFileIsNotFound() {
    assertThatThrownBy(() -> ImageJson.read(dir.resolve("absent.json")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("absent.json");
  }

  @Test
  void readingNamesThePlaceAndTheField() {
    ObjectNode json = JsonTrees.object();
    json.put("id", "img-1")
        .put("name", "n")
        .put("architecture", "x86_64")
        .put("created", "yesterday");
    json.putObject("os").put("family", "ubuntu").put("version", "24.04");
    assertThatThrownBy(
            () -> ModelTrees.readImage(json, "inventory.json image #3", "local", "local"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("inventory.json image #3: 'created' must be an ISO-8601 instant");
    json.put("created", "2026-01-01T00:00:00Z").put("architecture", "mips");
    assertThatThrownBy(
            () -> ModelTrees.readImage(json, "inventory.json image #3", "local", "local"))
        .hasMessageContaining("'architecture'")
        .hasMessageContaining("x86_64");
  }

  private static Image image(String id) {
    return Image.builder()
        .id(new ImageId("local", "local", id))
        .name("web-" + id)
        .architecture(Architecture.ARM64)
        .os(io.cloudimage.core.model.OperatingSystem.of(OsFamily.UBUNTU, "24.04"))
        .created(Instant.parse("2026-01-01T00:00:00Z"))
        .sizeBytes(1024)
        .build();
  }
}
