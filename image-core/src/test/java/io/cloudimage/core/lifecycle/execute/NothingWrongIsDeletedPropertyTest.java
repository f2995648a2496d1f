package io.cloudimage.core.lifecycle.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.local.TrashEntry;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * "Nothing wrong is ever deleted", as a stateful property over the real local provider: random
 * sequences of import, deregister with snapshots, trash restore, launch, stop, plan and apply (the
 * default policy, and a DEREGISTER/DELETE_SNAPSHOT policy), crashes (the home reopened, with the
 * half-done states a kill leaves) and links planted inside the home towards a canary folder outside
 * it. After every step: every imported image's bytes are listed or restorable from the trash, the
 * journal verifies, no action is done twice, and the canary is unchanged.
 */
class NothingWrongIsDeletedPropertyTest {
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
  private final List<World> worlds = new ArrayList<>();

  /** One home, its journal, the sources imported and a canary folder beside it. */
  static final class World {
    final Path root;
    final Path home;
    final Path journal;
    final Path canary;
    final Map<String, String> canaryDigests = new HashMap<>();
    final MutableClock clock = new MutableClock(START);
    final Map<String, String> imported = new LinkedHashMap<>();
    LocalProvider local;
    int counter;

    World() {
      try {
        root = Files.createTempDirectory("cloudimage-property");
        home = root.resolve("home");
        journal = root.resolve("journal");
        canary = Files.createDirectory(root.resolve("canary"));
        for (String name : List.of("precious.raw", "entry.json", "other.part")) {
          Path f = canary.resolve(name);
          byte[] bytes = new byte[3000];
          new Random(name.hashCode()).nextBytes(bytes);
          Files.write(f, bytes);
          canaryDigests.put(name, digest(f));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      local = open();
    }

    LocalProvider open() {
      return LocalProvider.builder()
          .home(home)
          .clock(clock)
          .trashRetention(Duration.ofDays(3650))
          .build();
    }

    void reopen() {
      local.close();
      local = open();
    }

    List<String> listed() {
      try (Stream<Image> s = local.images(ImageQuery.ALL)) {
        return s.map(Image::nativeId).sorted().toList();
      }
    }

    @Override
    public String toString() {
      return "home " + home;
    }
  }

  @Provide
  Arbitrary<ActionChain<World>> chains() {
    return ActionChain.<World>startWith(this::newWorld)
        .withAction(3, act("import", NothingWrongIsDeletedPropertyTest::importOne))
        .withAction(
            2,
            act(
                "rm",
                (w, k) ->
                    onListed(
                        w, k, id -> w.local.deregister(id, DeregisterOptions.DELETE_SNAPSHOTS))))
        .withAction(2, act("restore", NothingWrongIsDeletedPropertyTest::restoreOne))
        .withAction(1, act("launch", (w, k) -> onListed(w, k, id -> w.local.launch(id))))
        .withAction(1, act("stop", (w, k) -> onListed(w, k, id -> w.local.stop(id))))
        .withAction(2, act("apply", NothingWrongIsDeletedPropertyTest::planAndApply))
        .withAction(2, act("crash", NothingWrongIsDeletedPropertyTest::crash))
        .withAction(1, act("plant-link", NothingWrongIsDeletedPropertyTest::plantLink))
        .withMaxTransformations(15);
  }

  private World newWorld() {
    World w = new World();
    synchronized (worlds) {
      worlds.add(w);
    }
    return w;
  }

  @Property(tries = 30, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void everyImageStaysListedOrRestorableAndNothingOutsideTheHomeChanges(
      @ForAll("chains") ActionChain<World> chain) {
    chain
        .withInvariant("nothing wrong deleted", NothingWrongIsDeletedPropertyTest::invariants)
        .run();
  }

  @AfterTry
  void removeWorlds() throws IOException {
    synchronized (worlds) {
      for (World w : worlds) {
        w.local.close();
        deleteTree(w.root);
      }
      worlds.clear();
    }
  }

  private static net.jqwik.api.state.Action.Independent<World> act(
      String name, BiConsumer<World, Integer> body) {
    return new net.jqwik.api.state.Action.Independent<>() {
      @Override
      public Arbitrary<Transformer<World>> transformer() {
        return Arbitraries.integers()
            .between(0, 9999)
            .map(k -> Transformer.mutate(name + " " + k, w -> body.accept(w, k)));
      }
    };
  }

  private interface Step {
    void on(String id);
  }

  private static void onListed(World w, int k, Step step) {
    List<String> ids = w.listed();
    if (ids.isEmpty()) {
      return;
    }
    try {
      step.on(ids.get(k % ids.size()));
    } catch (CloudImageException refused) {
      // in use, protected, ...: a refusal is a correct outcome; the invariants judge the rest
    }
  }

  private static void importOne(World w, int k) {
    try {
      Path source = w.root.resolve("source-" + w.counter++ + ".raw");
      byte[] bytes = new byte[4096 + (k % 4) * 1024];
      new Random(w.counter * 7919L + k).nextBytes(bytes);
      Files.write(source, bytes);
      Image image =
          w.local.importImage(
              ImportRequest.of(
                  source,
                  "img" + w.counter,
                  OperatingSystem.parse("ubuntu:24.04"),
                  Architecture.X86_64),
              ProgressListener.NONE,
              Cancellation.never());
      w.imported.put(image.nativeId(), digest(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restoreOne(World w, int k) {
    List<TrashEntry> trash = w.local.trash();
    if (trash.isEmpty()) {
      return;
    }
    try {
      w.local.restoreFromTrash(trash.get(k % trash.size()).id());
    } catch (CloudImageException refused) {
      // a name taken again, a planted link refused: it stays in the trash
    }
  }

  private static void planAndApply(World w, int k) {
    w.clock.advance(Duration.ofDays(k % 90));
    LifecyclePolicy policy =
        k % 2 == 0
            ? LifecyclePolicy.defaultPolicy()
            : LifecyclePolicy.builder()
                .name("remove-unused")
                .allowActionsOnNewestOfFamily()
                .rule(
                    "deregister",
                    r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.DEREGISTER))
                .rule(
                    "delete-snapshot",
                    r ->
                        r.when(Condition.notAccessedFor(Duration.ofDays(30)))
                            .then(Action.DELETE_SNAPSHOT))
                .build();
    Plan plan =
        LifecyclePlanner.builder()
            .prices(w.local.tierPrices())
            .build()
            .plan(Inventory.of(w.local), policy, w.clock);
    PlanExecutor executor =
        PlanExecutor.builder()
            .provider(w.local)
            .journal(w.journal)
            .clock(w.clock)
            .errorBudget(1000)
            .build();
    executor.apply(plan);
    if (k % 3 == 0) {
      executor.apply(plan); // a rerun repeats nothing
    }
  }

  /** Closes the home as a kill would leave it, sometimes with half-done work, and reopens it. */
  private static void crash(World w, int k) {
    List<String> ids = w.listed();
    w.local.close();
    try {
      Path home = w.home;
      switch (k % 4) {
        case 1 -> Files.write(home.resolve("tmp").resolve("crashed-" + k + ".part"), new byte[100]);
        case 2, 3 -> {
          if (!ids.isEmpty()) {
            // A trash or erasure entry described but with nothing moved yet.
            String id = ids.get(k % ids.size());
            Path entry = Files.createDirectory(home.resolve("trash").resolve(id + "-" + k));
            String purpose = k % 4 == 3 ? ",\"purpose\":\"ERASE\"" : "";
            Files.writeString(
                entry.resolve("entry.json"),
                "{\"resource\":\""
                    + id
                    + "\",\"trashed\":\""
                    + w.clock.instant()
                    + "\""
                    + purpose
                    + ",\"files\":[{\"name\":\"0-"
                    + id
                    + ".json\",\"from\":\"images/"
                    + id
                    + ".json\"}],\"state\":\"MOVING\"}");
          }
        }
        default -> {}
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    w.local = w.open();
  }

  /** Plants a link towards the canary where the home keeps disks, records, trash or staging. */
  private static void plantLink(World w, int k) {
    Path home = w.home;
    Path target = w.canary.resolve(List.of("precious.raw", "entry.json", "other.part").get(k % 3));
    try {
      switch (k % 5) {
        case 0 ->
            Files.createSymbolicLink(home.resolve("tmp").resolve("evil" + k + ".part"), target);
        case 1 -> {
          Path tier = home.resolve("disks").resolve(StorageTier.HOT.id());
          Files.createSymbolicLink(tier.resolve("snap-evil" + k + ".raw"), target);
        }
        case 2 -> {
          // A complete trash entry whose "disk" is a link out of the home.
          Path entry = Files.createDirectory(home.resolve("trash").resolve("img-evil" + k + "-1"));
          Files.createSymbolicLink(entry.resolve("0-evil.raw"), target);
          Files.writeString(
              entry.resolve("entry.json"),
              "{\"resource\":\"img-evil"
                  + k
                  + "\",\"trashed\":\"2026-07-01T00:00:00Z\",\"files\":[{\"name\":\"0-evil.raw\","
                  + "\"from\":\"disks/hot/snap-evil"
                  + k
                  + ".raw\"}],\"state\":\"COMPLETE\"}");
        }
        case 3 -> {
          // An erasure entry whose file is a link out of the home: never overwritten.
          Path entry = Files.createDirectory(home.resolve("trash").resolve("img-wipe" + k + "-1"));
          Files.createSymbolicLink(entry.resolve("0-wipe.raw"), target);
          Files.writeString(
              entry.resolve("entry.json"),
              "{\"resource\":\"img-wipe"
                  + k
                  + "\",\"trashed\":\"2026-07-01T00:00:00Z\",\"purpose\":\"ERASE\",\"files\":[{"
                  + "\"name\":\"0-wipe.raw\",\"from\":\"disks/hot/snap-wipe"
                  + k
                  + ".raw\"}],\"state\":\"ERASING\"}");
        }
        default -> Files.createSymbolicLink(home.resolve("trash").resolve("evil" + k), w.canary);
      }
    } catch (java.nio.file.FileAlreadyExistsException again) {
      // the same k twice: already planted
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void invariants(World w) {
    try {
      Set<String> listed = new HashSet<>(w.listed());
      Set<String> trashed = new HashSet<>();
      for (TrashEntry e : w.local.trash()) {
        trashed.add(e.id());
      }
      Set<String> trashBytes = digestsUnder(w.home.resolve("trash"));
      for (Map.Entry<String, String> e : w.imported.entrySet()) {
        String id = e.getKey();
        if (listed.contains(id)) {
          Image image = w.local.describe(id);
          String snapshot =
              image.guest().deviceBindings().stream()
                  .map(DeviceBinding::snapshotId)
                  .filter(java.util.Objects::nonNull)
                  .findFirst()
                  .orElseThrow();
          assertThat(digest(w.local.diskFile(snapshot)))
              .as("the disk of listed image %s holds its imported bytes", id)
              .isEqualTo(e.getValue());
        } else {
          assertThat(trashed).as("image %s is listed or in the trash", id).contains(id);
          assertThat(trashBytes)
              .as("the trash holds the imported bytes of %s", id)
              .contains(e.getValue());
        }
      }
      if (Files.exists(w.journal.resolve(Journal.FILE_NAME))) {
        assertThat(Journal.verify(w.journal).valid()).as("the journal verifies").isTrue();
        Map<String, Integer> done = new HashMap<>();
        for (JournalRecord r : Journal.readRecords(w.journal)) {
          String op = r.text("op");
          if (op != null && r.type().equals("DONE")) {
            done.merge(op, 1, Integer::sum);
          }
        }
        assertThat(done).allSatisfy((op, n) -> assertThat(n).as("DONE of %s", op).isEqualTo(1));
      }
      for (Map.Entry<String, String> c : w.canaryDigests.entrySet()) {
        Path f = w.canary.resolve(c.getKey());
        assertThat(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
            .as("canary %s is still there", f)
            .isTrue();
        assertThat(digest(f)).as("canary %s is unchanged", f).isEqualTo(c.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The digests of the regular files under a folder, links neither followed nor counted. */
  private static Set<String> digestsUnder(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            if (a.isRegularFile()) {
              out.add(digest(file));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  static String digest(Path file) throws IOException {
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            Files.delete(file); // a link is deleted as the link
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
