package io.cloudimage.core.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who besides the owner may launch an image. Use from other accounts is invisible to the owner, so
 * a shared image must count as possibly in use.
 *
 * @param accounts account ids the image is shared with
 * @param organisations organisation or organisational-unit ids (ARNs on AWS)
 */
public record Sharing(Set<String> accounts, Set<String> organisations) {
  /** Shared with nobody. */
  public static final Sharing NONE = new Sharing(Set.of(), Set.of());

  public Sharing {
    accounts = Set.copyOf(new TreeSet<>(Checks.copy(accounts)));
    organisations = Set.copyOf(new TreeSet<>(Checks.copy(organisations)));
  }

  /** Whether the image is shared with anyone. */
  public boolean isShared() {
    return !accounts.isEmpty() || !organisations.isEmpty();
  }

  /** This sharing with more accounts. */
  public Sharing withAccounts(Set<String> more) {
    TreeSet<String> all = new TreeSet<>(accounts);
    all.addAll(more);
    return new Sharing(all, organisations);
  }

  /** This sharing without some accounts. */
  public Sharing withoutAccounts(Set<String> fewer) {
    TreeSet<String> all = new TreeSet<>(accounts);
    all.removeAll(fewer);
    return new Sharing(all, organisations);
  }
}
