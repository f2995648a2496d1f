package io.cloudimage.core.client;

import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A driver whose calls fail as scripted: throttling (with or without Retry-After), server errors,
 * slow answers and hangs. Each operation name has its own queue of faults; an empty queue answers
 * at once. Counts every call per operation, so tests can show what the client did.
 */
final class FaultyDriver implements ImageDriver {
  /** One scripted misbehaviour. */
  sealed interface Fault {}

  record Throttle(@Nullable Duration retryAfter) implements Fault {}

  record ServerError() implements Fault {}

  record Slow(Duration delay) implements Fault {}

  record Hang() implements Fault {}

  private final Capabilities capabilities;
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<Operation> operations = new ArrayList<>();
  private final int images;
  private final int pageSize;

  FaultyDriver(Capabilities capabilities, int images, int pageSize) {
    this.capabilities = capabilities;
    this.images = images;
    this.pageSize = pageSize;
  }

  /** Scripts faults for the next calls of {@code operation}, in order. */
  FaultyDriver failing(String operation, Fault... script) {
    faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(script));
    return this;
  }

  /** Fault that repeats forever for {@code operation}. */
  FaultyDriver alwaysFailing(String operation, Fault fault) {
    Deque<Fault> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < 1_000; i++) {
      q.add(fault);
    }
    return this;
  }

  int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  synchronized List<Operation> operations() {
    return List.copyOf(operations);
  }

  /** Lets hung calls return, so a test leaves no thread blocked. */
  void releaseHung() {
    released.countDown();
  }

  private void enter(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    Deque<Fault> q = faults.get(operation);
    Fault fault;
    synchronized (this) {
      fault = q == null ? null : q.poll();
    }
    if (fault == null) {
      return;
    }
    if (fault instanceof Throttle t) {
      throw new ThrottledException(
          "Rate exceeded", "Throttling", "req-" + calls(operation), true, t.retryAfter(), null);
    }
    if (fault instanceof ServerError) {
      throw new ProviderUnavailableException(
          "We encountered an internal error", "InternalError", "req-5xx", true, null);
    }
    if (fault instanceof Slow s) {
      sleep(s.delay());
      return;
    }
    try {
      released.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Image image(int i) {
    return Image.builder()
        .id(new ImageId("faulty", "test-1", "img-" + i))
        .name("img-" + i)
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.parse("2026-01-01T00:00:00Z"))
        .sizeBytes(1L << 30)
        .state(i == 0 ? ImageState.PENDING : ImageState.AVAILABLE)
        .build();
  }

  @Override
  public String name() {
    return "faulty";
  }

  @Override
  public String region() {
    return "test-1";
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    enter("ListImages");
    int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
    List<Image> page = new ArrayList<>();
    for (int i = from; i < Math.min(images, from + pageSize); i++) {
      page.add(image(i));
    }
    int next = from + pageSize;
    return new Page<>(page, next < images ? Integer.toString(next) : null);
  }

  @Override
  public Image describeImage(String imageId) {
    enter("DescribeImage");
    int i = Integer.parseInt(imageId.substring("img-".length()));
    if (i >= images) {
      throw new NotFoundException("no image " + imageId);
    }
    return image(i);
  }

  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    enter("Deregister");
  }

  @Override
  public void tag(
      String resourceId, io.cloudimage.core.model.Tags add, java.util.Set<String> remove) {
    enter("Tag");
  }

  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    synchronized (this) {
      operations.add(operation);
    }
    enter("CopyImage");
    for (int step = 0; step < 1_000; step++) {
      operation.throwIfCancelled();
      sleep(Duration.ofMillis(10));
    }
    return image(1);
  }

  @Override
  public void close() {
    releaseHung();
  }
}
