package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Tags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ECS's own DescribeImages filters, applied by the service.
 *
 * <pre>{@code
 * EcsImageFilter f = EcsImageFilter.OWN.withFamily("web").withStatuses(Set.of("Available"));
 * }</pre>
 *
 * @param ownerAlias {@code self}, {@code system}, {@code others} or {@code marketplace}, or {@code
 *     null} for all
 * @param statuses the ECS statuses to list (Creating, Waiting, Available, UnAvailable,
 *     CreateFailed, Deprecated)
 * @param family only this image family, or {@code null}
 * @param tags tags every image must carry with these values
 */
public record EcsImageFilter(
    @Nullable String ownerAlias, Set<String> statuses, @Nullable String family, Tags tags) {

  private static final Set<String> ALIASES = Set.of("self", "system", "others", "marketplace");
  private static final Set<String> STATUSES =
      Set.of("Creating", "Waiting", "Available", "UnAvailable", "CreateFailed", "Deprecated");

  /** The caller's own images in every status. */
  public static final EcsImageFilter OWN = new EcsImageFilter("self", STATUSES, null, Tags.EMPTY);

  /** Checks the alias and statuses. */
  public EcsImageFilter {
    if (ownerAlias != null && !ALIASES.contains(ownerAlias)) {
      throw new InvalidInputException(
          "unknown image owner alias '"
              + ownerAlias
              + "'; use self, system, others or marketplace");
    }
    if (statuses.isEmpty() || !STATUSES.containsAll(statuses)) {
      throw new InvalidInputException(
          "image statuses must be some of "
              + new java.util.TreeSet<>(STATUSES)
              + ", was "
              + statuses);
    }
    statuses = Set.copyOf(new LinkedHashSet<>(statuses));
  }

  /** This filter for another owner alias ({@code null}: all). */
  public EcsImageFilter withOwnerAlias(@Nullable String alias) {
    return new EcsImageFilter(alias, statuses, family, tags);
  }

  /** This filter for other statuses. */
  public EcsImageFilter withStatuses(Set<String> newStatuses) {
    return new EcsImageFilter(ownerAlias, newStatuses, family, tags);
  }

  /** This filter for one family. */
  public EcsImageFilter withFamily(@Nullable String newFamily) {
    return new EcsImageFilter(ownerAlias, statuses, newFamily, tags);
  }

  /** This filter with more required tags. */
  public EcsImageFilter withTags(Tags more) {
    return new EcsImageFilter(ownerAlias, statuses, family, tags.with(more));
  }

  /** This filter with deprecated images. */
  public EcsImageFilter withDeprecated() {
    Set<String> s = new LinkedHashSet<>(statuses);
    s.add("Deprecated");
    return new EcsImageFilter(ownerAlias, s, family, tags);
  }

  /** This filter without deprecated images. */
  public EcsImageFilter withoutDeprecated() {
    Set<String> s = new LinkedHashSet<>(statuses);
    s.remove("Deprecated");
    return new EcsImageFilter(ownerAlias, s, family, tags);
  }

  void applyTo(DescribeImagesRequest req) {
    if (ownerAlias != null) {
      req.setImageOwnerAlias(ownerAlias);
    }
    req.setStatus(String.join(",", new java.util.TreeSet<>(statuses)));
    if (statuses.contains("Deprecated")) {
      req.setShowExpired(true);
    }
    if (family != null) {
      req.setImageFamily(family);
    }
    if (!tags.isEmpty()) {
      List<DescribeImagesRequest.Tag> list = new ArrayList<>();
      tags.asMap()
          .forEach(
              (k, v) -> {
                DescribeImagesRequest.Tag t = new DescribeImagesRequest.Tag();
                t.setKey(k);
                t.setValue(v);
                list.add(t);
              });
      req.setTags(list);
    }
  }
}
