package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CandidateCatalogTest {
  static Stream<Image> read(String json) {
    return CandidateCatalog.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "c.json");
  }

  static final String GOOD =
      "{\"id\":\"ami-1\",\"name\":\"a\",\"provider\":\"aws\",\"region\":\"us-east-1\",\"architecture\":\"arm64\","
          + "\"os\":{\"family\":\"ubuntu\",\"version\":\"24.04\"},\"created\":\"2026-11-01T00:00:00Z\",\"sizeBytes\":1024,"
          + "\"tier\":\"HOT\",\"tags\":{\"k\":\"v\"},\"bootTimeMs\":5000,\"signature\":\"VALID\",\"gpuDriver\":null}";

  @Test
  void readsImagesLazilyWhateverComesBeforeTheArray() {
    try (Stream<Image> s =
        read(
            "{\"format\":\"x\",\"meta\":{\"a\":[1,2]},\"images\":["
                + GOOD
                + ","
                + GOOD.replace("ami-1", "ami-2")
                + "]}")) {
      List<Image> images = s.toList();
      assertThat(images).extracting(Image::nativeId).containsExactly("ami-1", "ami-2");
      assertThat(images.get(0).assessment().bootTime()).hasSeconds(5);
      assertThat(images.get(0).tags().get("k")).hasValue("v");
    }
    assertThat(CandidateCatalog.sample().count()).isGreaterThan(20);
  }

  @Test
  void badEntriesNameTheEntryAndTheField() {
    assertThatThrownBy(
            () ->
                read("{\"images\":["
                        + GOOD
                        + ","
                        + GOOD.replace("ami-1", "ami-2").replace("\"architecture\":\"arm64\",", "")
                        + "]}")
                    .toList())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("c.json images[1] (ami-2): field 'architecture' is missing");
    assertThatThrownBy(() -> read("{\"images\":[" + GOOD.replace("1024", "-5") + "]}").toList())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("images[0] (ami-1): field 'sizeBytes' must be a whole number >= 0");
    assertThatThrownBy(
            () ->
                read("{\"images\":[" + GOOD.replace("2026-11-01T00:00:00Z", "yesterday") + "]}")
                    .toList())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("field 'created' must be an ISO-8601");
    assertThatThrownBy(() -> read("{\"images\":[" + GOOD + ",{\"id\":").toList())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("c.json line 1, column")
        .hasMessageContaining("not valid JSON");
  }
}
