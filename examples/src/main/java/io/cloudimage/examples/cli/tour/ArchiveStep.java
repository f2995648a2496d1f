package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.TierProfile;
import io.cloudimage.core.progress.Cancellation;
import java.math.RoundingMode;

/** Moves the legacy image to the archive tier and compares monthly storage prices. */
final class ArchiveStep implements TourStep {
  private static final long ONE_TB = 1L << 40;

  @Override
  public String title() {
    return "move the legacy image to the archive tier and compare monthly storage prices";
  }

  @Override
  public void run(TourContext tour) {
    Image legacy = tour.image("legacy-rhel-8");
    TierProfile hot = tour.local().tierPrices().profile(StorageTier.HOT);
    TierProfile archive = tour.local().tierPrices().profile(StorageTier.ARCHIVE);
    tour.local()
        .moveTier(legacy.nativeId(), StorageTier.ARCHIVE, tour.progress(), Cancellation.never());
    Image moved = tour.local().describe(legacy.nativeId());
    long size = moved.storage().sizeBytes();
    tour.out().println(legacy.nativeId() + " is now " + moved.storage().tier());
    tour.out()
        .println(
            "per month for this image: hot "
                + small(hot.monthlyPrice(size))
                + ", archive "
                + small(archive.monthlyPrice(size))
                + "; for 1 TB: hot "
                + hot.monthlyPrice(ONE_TB).rounded()
                + ", archive "
                + archive.monthlyPrice(ONE_TB).rounded()
                + " (minimum stay "
                + archive.minimumRetention().toDays()
                + " days)");
  }

  /** Money with four decimals: the sample disks' prices are fractions of a cent. */
  private static String small(Money money) {
    return money.amount().setScale(4, RoundingMode.HALF_EVEN).toPlainString()
        + " "
        + money.currency().getCurrencyCode();
  }
}
