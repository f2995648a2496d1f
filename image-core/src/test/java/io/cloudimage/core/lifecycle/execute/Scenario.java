package io.cloudimage.core.lifecycle.execute;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.backedBy;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static io.cloudimage.core.lifecycle.plan.Fixtures.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.json.internal.model.ModelTrees;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A provider directory with images and snapshots, and the plan made for it. */
final class Scenario {
  private Scenario() {}

  static Plan create(Path dir, int images) {
    List<Image> list = new ArrayList<>();
    List<Snapshot> snaps = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      String id = String.format("img-%03d", i);
      list.add(backedBy(image(id, 100 + i), "snap-of-" + id).build());
      snaps.add(snapshot("snap-of-" + id, 100 + i, 10).build());
      snaps.add(snapshot(String.format("snap-orphan-%03d", i), 300, 10).build());
    }
    ObjectNode inv = JsonTrees.object();
    ArrayNode a = inv.putArray("images");
    list.forEach(i -> a.add(ModelTrees.image(i)));
    ArrayNode s = inv.putArray("snapshots");
    snaps.forEach(x -> s.add(ModelTrees.snapshot(x)));
    JsonFiles.writeAtomically(dir.resolve("inventory.json"), inv);
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("crash")
            .rule(
                "orphans",
                r -> r.when(Condition.olderThan(Duration.ofDays(200))).then(Action.DELETE_SNAPSHOT))
            .rule(
                "old",
                r ->
                    r.when(Condition.olderThan(Duration.ofDays(100 + images / 2)))
                        .then(Action.DEREGISTER))
            .rule(
                "cool",
                r -> r.when(Condition.olderThan(Duration.ofDays(1))).moveTier(StorageTier.COLD))
            .rule(
                "tag",
                r ->
                    r.when(Condition.olderThan(Duration.ofDays(1)))
                        .then(Action.TAG)
                        .tags(Tags.of("reviewed", "yes")))
            .build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(
                Inventory.file(dir.resolve("inventory.json")),
                policy,
                Clock.fixed(NOW, ZoneOffset.UTC));
    plan.write(dir.resolve("plan.json"));
    return plan;
  }
}
