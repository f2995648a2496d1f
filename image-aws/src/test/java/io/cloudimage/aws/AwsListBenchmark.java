package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.provider.CopyRequest;
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
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The listing and copy benchmark that {@code scripts/bench-aws-list.sh} runs against the emulator:
 * images listed per second through the provider (sync client) and through the SDK's async client,
 * and the speed-up of 8 copies in flight over one at a time. Not part of the test suite: it runs
 * only when {@code CLOUDIMAGE_BENCH_OUT} names the file to write the figures to.
 */
class AwsListBenchmark {
  private static final int COPIES = 64;

  @Test
  void listAndCopy() throws Exception {
    String out = System.getenv("CLOUDIMAGE_BENCH_OUT");
    Assumptions.assumeTrue(out != null && !out.isBlank(), "CLOUDIMAGE_BENCH_OUT not set");
    int count = Integer.parseInt(System.getenv().getOrDefault("CLOUDIMAGE_BENCH_IMAGES", "10000"));
    try (Emulator aws = Emulator.fresh()) {
      long seedStart = System.nanoTime();
      seed(aws, count);
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

      AwsOptions options = aws.options.withListingDetail(ListingDetail.IMAGES_ONLY);
      // The emulator answers DescribeImages in one page of every image, which takes seconds.
      ProviderConfig config =
          aws.config().toBuilder()
              .callTimeout(Duration.ofMinutes(5))
              .callAttemptTimeout(Duration.ofMinutes(5))
              .build();
      double sync;
      try (ImageProvider provider = AwsProviderFactory.open(config, options)) {
        assertThat(provider.images().count()).isEqualTo(count); // warm-up and check
        sync = best(2, () -> assertThat(provider.images().count()).isEqualTo(count));
      }
      double async;
      try (Ec2AsyncClient client = asyncClient(aws)) {
        async = best(2, () -> assertThat(asyncCount(client)).isEqualTo(count));
      }

      List<String> sources;
      try (ImageProvider provider = AwsProviderFactory.open(config, options)) {
        sources = provider.images().limit(COPIES * 2L).map(i -> i.nativeId()).toList();
        double sequential = time(() -> copies(provider, sources.subList(0, COPIES), 1, "seq"));
        double parallel =
            time(() -> copies(provider, sources.subList(COPIES, COPIES * 2), 8, "par"));
        String report =
            String.format(
                Locale.ROOT,
                "images=%d%nseed_seconds=%.1f%nsync_list_seconds=%.3f%nsync_images_per_second=%.0f%n"
                    + "async_list_seconds=%.3f%nasync_images_per_second=%.0f%n"
                    + "copies=%d%ncopy_sequential_seconds=%.3f%ncopy_8_in_flight_seconds=%.3f%n"
                    + "copy_speedup=%.2f%n",
                count,
                seedSeconds,
                sync,
                count / sync,
                async,
                count / async,
                COPIES,
                sequential,
                parallel,
                sequential / parallel);
        Files.writeString(Path.of(out), report, StandardCharsets.UTF_8);
      }
    }
  }

  private static void seed(Emulator aws, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < count; i += 8) {
                    String name = "bench-" + i;
                    aws.ec2.registerImage(
                        r -> r.name(name).rootDeviceName("/dev/xvda").architecture("x86_64"));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Ec2AsyncClient asyncClient(Emulator aws) {
    Credentials c;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(aws.endpoint)
            .region(Region.of(Emulator.REGION))
            .credentialsProvider(Emulator.TESTING)
            .build()) {
      c =
          sts.assumeRole(
                  r ->
                      r.roleArn("arn:aws:iam::" + aws.account + ":role/cloudimage-test")
                          .roleSessionName("bench"))
              .credentials();
    }
    return Ec2AsyncClient.builder()
        .endpointOverride(aws.endpoint)
        .region(Region.of(Emulator.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
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
