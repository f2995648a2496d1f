package io.cloudimage.aliyun;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The local ECS endpoint for tests outside this package (the signature tests, the command line):
 * start it, open a provider on it, add images, read what it did.
 */
public final class EcsTestAccess implements AutoCloseable {
  /** The AccessKey id the endpoint accepts. */
  public static final String ACCESS_KEY_ID = LocalEcsEndpoint.ACCESS_KEY_ID;

  /** The secret the endpoint checks signatures with. */
  public static final String SECRET = LocalEcsEndpoint.SECRET;

  /** The region of the images added. */
  public static final String REGION = AliyunProviderTest.REGION;

  private final LocalEcsEndpoint ecs;

  private EcsTestAccess(LocalEcsEndpoint ecs) {
    this.ecs = ecs;
  }

  /** Starts an endpoint on a free loopback port. */
  public static EcsTestAccess start() throws IOException {
    return new EcsTestAccess(LocalEcsEndpoint.start());
  }

  /** The endpoint's URL. */
  public URI uri() {
    return ecs.uri();
  }

  /** A provider on the endpoint with the right secret and four attempts a call. */
  public AliyunProvider provider() {
    return AliyunProviderTest.open(ecs, SECRET, 4);
  }

  /** Adds an available image of {@link #REGION}; returns its id. */
  public String addImage(String name) {
    return ecs.addImage(REGION, name).id;
  }

  /** The accounts an image is shared with. */
  public List<String> sharedWith(String imageId) {
    return List.copyOf(ecs.image(imageId).sharedWith);
  }

  /** Whether an image exists in any region. */
  public boolean exists(String imageId) {
    return ecs.image(imageId) != null;
  }

  /** How many describe calls long work takes. */
  public void pollsToFinish(int polls) {
    ecs.pollsToFinish(polls);
  }

  /** The actions received so far. */
  public List<String> calls() {
    return ecs.calls();
  }

  /** The OSS objects exports wrote. */
  public List<String> exported() {
    return ecs.exported();
  }

  @Override
  public void close() {
    ecs.close();
  }
}
