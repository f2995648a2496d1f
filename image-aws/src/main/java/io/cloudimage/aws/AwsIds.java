package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The shapes of AWS resource ids, checked before any call so that a typo is a bad-input error (exit
 * 3) rather than a provider error after a round trip.
 */
final class AwsIds {
  // EC2 ids are a prefix and 8 (older resources) or 17 lower-case hex digits.
  private static final Pattern IMAGE = Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern SNAPSHOT = Pattern.compile("snap-(?:[0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern INSTANCE = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  private AwsIds() {}

  static String image(String id) {
    return check(IMAGE, id, "an AMI id (ami- and 8 or 17 hex digits)");
  }

  static String snapshot(String id) {
    return check(SNAPSHOT, id, "an EBS snapshot id (snap- and 8 or 17 hex digits)");
  }

  static String instance(String id) {
    return check(INSTANCE, id, "an EC2 instance id (i- and 8 or 17 hex digits)");
  }

  static String account(String id) {
    return check(ACCOUNT, id, "an AWS account id (12 digits)");
  }

  static boolean isImage(String id) {
    return IMAGE.matcher(id).matches();
  }

  static boolean isSnapshot(String id) {
    return SNAPSHOT.matcher(id).matches();
  }

  static boolean isInstance(String id) {
    return INSTANCE.matcher(id).matches();
  }

  /** An image or snapshot id, the resources tags and tiers apply to. */
  static String resource(String id) {
    if (isImage(id) || isSnapshot(id)) {
      return id;
    }
    throw new InvalidInputException(
        "'" + id + "' is neither an AMI id (ami-…) nor an EBS snapshot id (snap-…)");
  }

  private static String check(Pattern pattern, String id, String what) {
    if (!pattern.matcher(id).matches()) {
      throw new InvalidInputException("'" + id + "' is not " + what);
    }
    return id;
  }
}
