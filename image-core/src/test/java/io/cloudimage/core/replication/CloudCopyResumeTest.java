package io.cloudimage.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.CopyRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud copy interrupted after the provider made it and before the journal recorded its outcome
 * is not made twice: the resumed run sends the same request under the same token, and the provider
 * answers with the copy it already made. In the caller's account and in another account.
 */
class CloudCopyResumeTest {
  private static final String HOME = "111122223333";
  private static final String OTHER = "444455556666";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path journal;

  private final InMemoryCloud cloud = new InMemoryCloud();

  /** The process dies right after the provider's copy returns: nothing after it runs. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("crashed after the copy returned");
    }
  }

  /** A client whose CopyImage makes the copy and then crashes the process. */
  private static ImageProvider crashingAfterCopy(ImageProvider real) {
    ImageProvider crashing = spy(real);
    doAnswer(
            call -> {
              call.callRealMethod();
              throw new Crash();
            })
        .when(crashing)
        .copyImage(any(CopyRequest.class), any(ProgressListener.class), any(Cancellation.class));
    return crashing;
  }

  private DestinationOpener opener() {
    return l ->
        cloud.open(l.account() == null ? HOME : l.account(), Objects.requireNonNull(l.region()));
  }

  private ReplicationReport run(
      ImageProvider source, DestinationOpener opener, ReplicationPlan plan) {
    return Replicator.builder().source(source).opener(opener).journal(journal).build().run(plan);
  }

  private static ReplicationPlan plan(Image src, Location to) {
    return ReplicationPlan.of(
        Location.cloudRegion(InMemoryCloud.NAME, "r-1"), List.of(src.nativeId()), List.of(to), 1);
  }

  private List<JournalRecord> intents() {
    try (Journal j = Journal.open(journal, java.time.Clock.systemUTC())) {
      return j.records().stream().filter(r -> r.type().equals("INTENT")).toList();
    }
  }

  @Test
  void aCrashAfterTheCopyReturnedResumesIntoTheSameCopyInTheCallersAccount() {
    Image src = cloud.add(HOME, "r-1", "web-2026.11", DIGEST);
    ReplicationPlan plan = plan(src, Location.cloudRegion(InMemoryCloud.NAME, "r-2"));

    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      assertThatThrownBy(() -> run(crashingAfterCopy(source), opener(), plan))
          .hasRootCauseInstanceOf(Crash.class);
    }
    assertThat(cloud.in(HOME, "r-2")).hasSize(1);

    ReplicationReport resumed;
    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      resumed = run(source, opener(), plan);
    }

    assertThat(cloud.in(HOME, "r-2"))
        .singleElement()
        .satisfies(
            copy -> {
              assertThat(copy.storage().digest()).isEqualTo(DIGEST);
              assertThat(copy.tags().get(Copier.REPLICA_OF)).contains(src.nativeId());
            });
    ReplicationResult r = resumed.results().get(0);
    assertThat(r.status()).isEqualTo(ReplicationStatus.REPLICATED);
    assertThat(r.destinationImageId()).isEqualTo(cloud.in(HOME, "r-2").get(0).nativeId());
    // Both calls carried the one token the interrupted intent recorded.
    List<InMemoryCloud.CopyCall> calls = cloud.copyCalls();
    assertThat(calls).hasSize(2);
    String token = calls.get(0).request().clientToken();
    assertThat(token).isNotNull().hasSizeLessThanOrEqualTo(CopyRequest.MAX_TOKEN_LENGTH);
    assertThat(calls.get(1).request().clientToken()).isEqualTo(token);
    assertThat(intents()).hasSize(2).allSatisfy(i -> assertThat(i.text("token")).isEqualTo(token));
  }

  @Test
  void aCrashAfterACopyIntoAnotherAccountResumesIntoTheSameCopyThere() {
    Image src = cloud.add(HOME, "r-1", "web-2026.11", DIGEST);
    Location there = new Location(InMemoryCloud.NAME, "r-2", OTHER, null);
    ReplicationPlan plan = plan(src, there);
    // The copy into the other account is made by its client in the source's region.
    DestinationOpener crashing =
        l ->
            OTHER.equals(l.account()) && "r-1".equals(l.region())
                ? crashingAfterCopy(cloud.open(OTHER, "r-1"))
                : opener().open(l);

    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      assertThatThrownBy(() -> run(source, crashing, plan)).hasRootCauseInstanceOf(Crash.class);
    }
    ReplicationReport resumed;
    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      resumed = run(source, opener(), plan);
    }

    assertThat(cloud.in(OTHER, "r-2"))
        .singleElement()
        .satisfies(copy -> assertThat(copy.storage().digest()).isEqualTo(DIGEST));
    assertThat(cloud.in(HOME, "r-2")).isEmpty();
    assertThat(resumed.results().get(0).status()).isEqualTo(ReplicationStatus.REPLICATED);
    List<InMemoryCloud.CopyCall> calls = cloud.copyCalls();
    assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.account()).isEqualTo(OTHER));
    assertThat(calls.get(1).request().clientToken())
        .isEqualTo(calls.get(0).request().clientToken());

    // Run again: the tagged copy is found and nothing is copied.
    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      assertThat(run(source, opener(), plan).results().get(0).status())
          .isEqualTo(ReplicationStatus.ALREADY_PRESENT);
    }
    assertThat(cloud.copyCalls()).hasSize(2);
  }

  @Test
  void aDestinationInAnotherAccountWithoutAnOpenerActingAsItIsBadInput() {
    Image src = cloud.add(HOME, "r-1", "web", DIGEST);
    ReplicationPlan plan = plan(src, new Location(InMemoryCloud.NAME, "r-2", OTHER, null));

    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      assertThatThrownBy(() -> Replicator.builder().source(source).build().run(plan))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(OTHER)
          .hasMessageContaining("opener");
    }
    assertThat(cloud.copyCalls()).isEmpty();
  }

  @Test
  void eachRunJournalGivesItsCopiesTheirOwnTokens() {
    Image src = cloud.add(HOME, "r-1", "web", DIGEST);
    try (ImageProvider source = cloud.open(HOME, "r-1")) {
      run(source, opener(), plan(src, Location.cloudRegion(InMemoryCloud.NAME, "r-2")));
      run(source, opener(), plan(src, Location.cloudRegion(InMemoryCloud.NAME, "r-3")));
    }

    List<InMemoryCloud.CopyCall> calls = cloud.copyCalls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).request().clientToken())
        .isNotEqualTo(calls.get(1).request().clientToken());
  }
}
