package io.cloudimage.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class CopyRequestTest {
  @Test
  void aTokenIsCarriedBesideTheOtherFieldsAndAbsentByDefault() {
    CopyRequest plain = CopyRequest.toRegion("img-1", "eu-west-1", "web");
    CopyRequest tokened = plain.withClientToken("run-1:copy-2");

    assertThat(plain.clientToken()).isNull();
    assertThat(new CopyRequest("img-1", "eu-west-1", "web", null, "key").clientToken()).isNull();
    assertThat(tokened.clientToken()).isEqualTo("run-1:copy-2");
    assertThat(tokened.withClientToken(null)).isEqualTo(plain);
    assertThat(tokened.sourceImageId()).isEqualTo("img-1");
    assertThat(tokened.targetRegion()).isEqualTo("eu-west-1");
  }

  @Test
  void aTokenOf64AsciiCharactersIsTakenAndALongerOneIsBadInput() {
    String longest = "t".repeat(64);
    CopyRequest plain = CopyRequest.toRegion("img-1", "eu-west-1", "web");

    assertThat(plain.withClientToken(longest).clientToken()).isEqualTo(longest);
    assertThatThrownBy(() -> plain.withClientToken(longest + "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 to 64 printable ASCII")
        .hasMessageContaining("65 characters");
  }

  @Test
  void aTokenWithSpacesOrNonAsciiOrEmptyIsBadInput() {
    CopyRequest plain = CopyRequest.toRegion("img-1", "eu-west-1", "web");

    for (String bad : new String[] {"", "two words", "caf\u00e9", "tab\tbed"}) {
      assertThatThrownBy(() -> plain.withClientToken(bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("client token");
    }
  }
}
