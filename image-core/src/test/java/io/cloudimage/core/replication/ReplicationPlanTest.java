package io.cloudimage.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.local.LocalProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan files: what they say, and every refusal naming its line. */
class ReplicationPlanTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("plan.yaml"), text, StandardCharsets.UTF_8);
  }

  @Test
  void readsImagesTimesDestinationsWithHomesRelativeToThePlan() throws Exception {
    ReplicationPlan plan =
        ReplicationPlan.read(
            write(
                """
                source: {provider: local, home: eu}
                images: [img-a, img-b]
                destinations:
                  - home: us
                  - provider: local
                    home: ap
                concurrency: 3
                """));
    assertThat(plan.source().home()).isEqualTo(dir.resolve("eu").toAbsolutePath().normalize());
    assertThat(plan.concurrency()).isEqualTo(3);
    assertThat(plan.targets())
        .extracting(t -> t.imageId() + "@" + t.destination().requireHome().getFileName())
        .containsExactly("img-a@us", "img-a@ap", "img-b@us", "img-b@ap");
  }

  @Test
  void readsCloudRegionsAndAccountsAsJson() throws Exception {
    ReplicationPlan plan =
        ReplicationPlan.read(
            write(
                """
                {"source": {"provider": "aws", "region": "eu-west-1"},
                 "images": ["ami-1"],
                 "destinations": [{"region": "us-east-1"},
                                  {"region": "us-east-1", "account": "222233334444"}]}
                """));
    assertThat(plan.destinations())
        .extracting(Location::label)
        .containsExactly("aws:us-east-1", "aws:us-east-1/222233334444");
  }

  @Test
  void aDuplicateDestinationIsRefusedNamingItsLine() throws Exception {
    Path file =
        write(
            """
            source: {provider: local, home: eu}
            images: [img-a]
            destinations:
              - home: us
              - home: ./us/../us
            """);
    assertThatThrownBy(() -> ReplicationPlan.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 5")
        .hasMessageContaining("destinations[1]")
        .hasMessageContaining("duplicate destination")
        .hasMessageContaining("line 4");
  }

  @Test
  void aDestinationThatIsTheSourceIsRefusedNamingItsLine() throws Exception {
    Path file =
        write(
            """
            source: {provider: local, home: eu}
            images: [img-a]
            destinations:
              - home: us
              - home: eu
            """);
    assertThatThrownBy(() -> ReplicationPlan.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 5")
        .hasMessageContaining("is the source itself");
  }

  @Test
  void anImageListedTwiceAnUnknownFieldAndAnotherProviderAreRefused() throws Exception {
    Path twice =
        write(
            "source: {provider: local, home: eu}\nimages:\n  - img-a\n  - img-a\n"
                + "destinations: [{home: us}]\n");
    assertThatThrownBy(() -> ReplicationPlan.read(twice))
        .hasMessageContaining("line 4")
        .hasMessageContaining("listed twice");
    Path unknown =
        write(
            "source: {provider: local, home: eu}\nimages: [img-a]\n"
                + "destinations: [{home: us}]\nparallel: 4\n");
    assertThatThrownBy(() -> ReplicationPlan.read(unknown))
        .hasMessageContaining("line 4")
        .hasMessageContaining("parallel: unknown field");
    Path mixed =
        write(
            "source: {provider: local, home: eu}\nimages: [img-a]\n"
                + "destinations:\n  - {provider: aws, region: us-east-1}\n");
    assertThatThrownBy(() -> ReplicationPlan.read(mixed))
        .hasMessageContaining("line 4")
        .hasMessageContaining("within one provider");
  }

  @Test
  void anUnknownImageIsRefusedBeforeAnythingIsCopiedNamingItsLine() throws Exception {
    Path file =
        write(
            """
            source: {provider: local, home: eu}
            images:
              - img-nope
            destinations:
              - home: us
            """);
    ReplicationPlan plan = ReplicationPlan.read(file);
    try (LocalProvider eu = Homes.open(dir.resolve("eu"))) {
      Replicator replicator = Replicator.builder().source(eu).build();
      assertThatThrownBy(() -> replicator.run(plan))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(file.toString() + " line 3")
          .hasMessageContaining("no image 'img-nope'");
    }
    assertThat(dir.resolve("us")).doesNotExist();
  }
}
