package io.cloudimage.core.replication;

/**
 * One copy a plan asks for: an image of the source to a destination.
 *
 * @param imageId the source image's id
 * @param destination where the copy goes
 */
public record ReplicationTarget(String imageId, Location destination) {
  /** The key the journal records this copy under. */
  public String op() {
    return "replicate " + imageId + " -> " + destination.label();
  }
}
