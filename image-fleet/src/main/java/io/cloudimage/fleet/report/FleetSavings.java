package io.cloudimage.fleet.report;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fleet's savings as its journals record them: per shard, and summed per account and per region.
 * A journal names each action as {@code PLAN_DIGEST#INDEX}; the saving of a done action is read
 * from that plan, found among the plans given (the {@code *.plan.json} copies {@code fleet plan -o}
 * writes).
 *
 * <pre>{@code
 * FleetSavings savings = FleetSavings.read(Path.of("journals"), List.of(Path.of("plans")));
 * SavingsPage.write(savings, Path.of("savings.html"), Path.of("savings.json"));
 * }</pre>
 *
 * @param shards one entry per journal, by provider, account and region
 * @param inputs the files read (journals and plans), which no output may overwrite
 */
public record FleetSavings(List<ShardSavings> shards, List<Path> inputs) {
  public FleetSavings {
    shards = List.copyOf(shards);
    inputs = List.copyOf(inputs);
  }

  /**
   * Reads every journal below {@code journals} ({@code PROVIDER/ACCOUNT/REGION}, as the fleet's
   * workers write them) and prices their done actions from the plans in {@code plans} folders.
   *
   * @throws NotFoundException when {@code journals} is not a folder or holds no journal
   * @throws InvalidInputException when a plan cannot be read
   */
  public static FleetSavings read(Path journals, List<Path> plans) {
    if (!Files.isDirectory(journals)) {
      throw new NotFoundException(journals + " is not a folder of fleet journals");
    }
    List<Path> inputs = new ArrayList<>();
    Map<String, Plan> byDigest = new HashMap<>();
    for (Path folder : plans) {
      for (Path file : list(folder, 1)) {
        if (file.getFileName().toString().endsWith(".plan.json")) {
          Plan plan = Plan.read(file);
          byDigest.put(plan.digest(), plan);
          inputs.add(file);
        }
      }
    }
    List<ShardSavings> shards = new ArrayList<>();
    for (Path file : list(journals, 4)) {
      if (!file.getFileName().toString().equals(Journal.FILE_NAME)) {
        continue;
      }
      Path dir = java.util.Objects.requireNonNull(file.getParent());
      Path rel = journals.relativize(dir);
      if (rel.getNameCount() != 3) {
        continue;
      }
      inputs.add(file);
      inputs.add(dir.resolve(Journal.HEAD_FILE));
      shards.add(
          shard(
              dir,
              rel.getName(0).toString(),
              rel.getName(1).toString(),
              rel.getName(2).toString(),
              byDigest));
    }
    if (shards.isEmpty()) {
      throw new NotFoundException(
          journals + " holds no fleet journal (PROVIDER/ACCOUNT/REGION/" + Journal.FILE_NAME + ")");
    }
    shards.sort(
        Comparator.comparing(ShardSavings::provider)
            .thenComparing(ShardSavings::account)
            .thenComparing(ShardSavings::region));
    return new FleetSavings(shards, inputs);
  }

  private static ShardSavings shard(
      Path dir, String provider, String account, String region, Map<String, Plan> plans) {
    boolean verified;
    try {
      verified = Journal.verify(dir).valid();
    } catch (CorruptDataException e) {
      verified = false;
    }
    Set<String> done = new HashSet<>();
    Set<String> failed = new HashSet<>();
    for (JournalRecord r : Journal.readRecords(dir)) {
      String op = r.text("op");
      if (op == null) {
        continue;
      }
      if ("DONE".equals(r.type())) {
        done.add(op);
        failed.remove(op);
      } else if ("FAILED".equals(r.type()) && !done.contains(op)) {
        failed.add(op);
      }
    }
    Map<String, BigDecimal> saving = new TreeMap<>();
    int unpriced = 0;
    for (String op : done) {
      PlannedAction a = action(op, plans);
      if (a == null) {
        unpriced++;
      } else {
        saving.merge(
            a.monthlySaving().currency().getCurrencyCode(),
            a.monthlySaving().amount(),
            BigDecimal::add);
      }
    }
    return new ShardSavings(
        provider, account, region, done.size(), failed.size(), unpriced, saving, verified);
  }

  private static @org.jspecify.annotations.Nullable PlannedAction action(
      String op, Map<String, Plan> plans) {
    int hash = op.lastIndexOf('#');
    if (hash < 0) {
      return null;
    }
    Plan plan = plans.get(op.substring(0, hash));
    if (plan == null) {
      return null;
    }
    try {
      int index = Integer.parseInt(op.substring(hash + 1));
      return index >= 0 && index < plan.actions().size() ? plan.actions().get(index) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The savings summed per account, in account order. */
  public Map<String, Map<String, BigDecimal>> byAccount() {
    return sum(ShardSavings::account);
  }

  /** The savings summed per region, in region order. */
  public Map<String, Map<String, BigDecimal>> byRegion() {
    return sum(ShardSavings::region);
  }

  /** The fleet's monthly saving, by currency code. */
  public Map<String, BigDecimal> total() {
    Map<String, BigDecimal> total = new TreeMap<>();
    for (ShardSavings s : shards) {
      s.monthlySaving().forEach((c, v) -> total.merge(c, v, BigDecimal::add));
    }
    return total;
  }

  private Map<String, Map<String, BigDecimal>> sum(Function<ShardSavings, String> key) {
    Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
    for (ShardSavings s : shards) {
      Map<String, BigDecimal> m = out.computeIfAbsent(key.apply(s), k -> new TreeMap<>());
      s.monthlySaving().forEach((c, v) -> m.merge(c, v, BigDecimal::add));
    }
    return out;
  }

  private static List<Path> list(Path folder, int depth) {
    if (!Files.isDirectory(folder)) {
      throw new NotFoundException(folder + " is not a folder");
    }
    try (Stream<Path> s = Files.walk(folder, depth)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
