package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/**
 * The client side of listing 10,000 images, against {@link PagedEc2Stub} (EC2's paging, pages
 * rendered once): images per second through the provider (sync client, with its in-use scan and the
 * mapping to the model) and through the SDK's async client (counting only), and the speed-up of 8
 * CopyImage calls in flight over one at a time when each call takes a fixed service time. Run by
 * {@code scripts/bench-aws-list.sh}; skipped unless {@code CLOUDIMAGE_BENCH_OUT} is set.
 */
class AwsPagedListBenchmark {
  private static final int COPIES = 64;
  private static final Duration COPY_SERVICE_TIME = Duration.ofMillis(100);

  @Test
  void listAndCopyAgainstAPagingEndpoint() throws Exception {
    String out = System.getenv("CLOUDIMAGE_BENCH_OUT");
    Assumptions.assumeTrue(out != null && !out.isBlank(), "CLOUDIMAGE_BENCH_OUT not set");
    int count = Integer.parseInt(System.getenv().getOrDefault("CLOUDIMAGE_BENCH_IMAGES", "10000"));
    try (PagedEc2Stub stub = new PagedEc2Stub(count, COPY_SERVICE_TIME, 1000, 100)) {
      ProviderConfig config =
          ProviderConfig.builder().region(Emulator.REGION).endpoint(stub.endpoint()).build();
      AwsOptions options =
          AwsOptions.DEFAULTS
              .withCredentials(Emulator.KEYS)
              .withListingDetail(ListingDetail.IMAGES_ONLY);
      ImageQuery pages1000 = ImageQuery.builder().pageSize(1000).build();
      double sync1000;
      double sync100;
      double sequential;
      double parallel;
      try (ImageProvider provider = AwsProviderFactory.open(config, options)) {
        for (int i = 0; i < 3; i++) { // warm-up: class loading, JIT, connections
          assertThat(provider.images(pages1000).count()).isEqualTo(count);
        }
        sync1000 = best(5, () -> assertThat(provider.images(pages1000).count()).isEqualTo(count));
        sync100 = best(3, () -> assertThat(provider.images().count()).isEqualTo(count));
        List<String> ids = provider.images(pages1000).limit(COPIES).map(i -> i.nativeId()).toList();
        copies(provider, ids.subList(0, 8), 8, "warm");
        sequential = time(() -> copies(provider, ids, 1, "seq"));
        parallel = time(() -> copies(provider, ids, 8, "par"));
      }
      double async;
      try (Ec2AsyncClient client = asyncClient(stub)) {
        for (int i = 0; i < 3; i++) {
          assertThat(asyncCount(client)).isEqualTo(count);
        }
        async = best(5, () -> assertThat(asyncCount(client)).isEqualTo(count));
      }
      String report =
          String.format(
              Locale.ROOT,
              "endpoint=paged-stub%nimages=%d%n"
                  + "sync_list_seconds_page1000=%.3f%nsync_images_per_second_page1000=%.0f%n"
                  + "sync_list_seconds_page100=%.3f%nsync_images_per_second_page100=%.0f%n"
                  + "async_list_seconds_page1000=%.3f%nasync_images_per_second_page1000=%.0f%n"
                  + "copies=%d%ncopy_service_ms=%d%ncopy_sequential_seconds=%.3f%n"
                  + "copy_8_in_flight_seconds=%.3f%ncopy_speedup=%.2f%n",
              count,
              sync1000,
              count / sync1000,
              sync100,
              count / sync100,
              async,
              count / async,
              COPIES,
              COPY_SERVICE_TIME.toMillis(),
              sequential,
              parallel,
              sequential / parallel);
      Files.writeString(Path.of(out), report, StandardCharsets.UTF_8);
    }
  }

  private static Ec2AsyncClient asyncClient(PagedEc2Stub stub) {
    return Ec2AsyncClient.builder()
        .endpointOverride(stub.endpoint())
        .region(Region.of(Emulator.REGION))
        .credentialsProvider(Emulator.TESTING)
        .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(8).build())
        .build();
  }

  private static long asyncCount(Ec2AsyncClient client) {
    AtomicLong n = new AtomicLong();
    client
        .describeImagesPaginator(r -> r.owners("self").maxResults(1000))
        .images()
        .subscribe(i -> n.incrementAndGet())
        .join();
    return n.get();
  }

  private static void copies(ImageProvider provider, List<String> ids, int inFlight, String tag) {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String id : ids) {
        done.add(
            pool.submit(
                () ->
                    provider.copyImage(
                        CopyRequest.toRegion(id, "eu-west-1", "copy-" + tag + "-" + id))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double time(Run run) throws Exception {
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double best(int times, Run run) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < times; i++) {
      best = Math.min(best, time(run));
    }
    return best;
  }
}
