package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.provider.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ebs.EbsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rbin.RbinClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SDK clients one provider instance uses, built once with the same region, endpoint,
 * credentials, timeouts and HTTP client.
 *
 * <p>The SDK's own retries are off (one attempt per call): the cloudimage client already retries
 * retryable failures under the {@link io.cloudimage.core.provider.RetryPolicy}'s attempts and
 * budget, and knows which calls may be repeated after an unknown outcome. Retrying in both layers
 * would multiply attempts (6 × 3) and overrun the call budget. The SDK's attempt and call timeouts
 * are set from the same {@link ProviderConfig} so that an attempt the client stopped waiting for
 * also ends in the SDK and frees its thread and connection.
 */
final class AwsClients implements AutoCloseable {
  final Region region;
  final @Nullable URI endpoint;
  final AwsCredentialsProvider credentials;
  final String credentialSource;
  private final SdkHttpClient http;
  private final ClientOverrideConfiguration override;
  private final Ec2Client ec2;
  private final Map<String, Ec2Client> otherRegions = new ConcurrentHashMap<>();
  private volatile @Nullable EbsClient ebs;
  private volatile @Nullable RbinClient rbin;
  private volatile @Nullable AutoScalingClient autoScaling;
  private volatile @Nullable StsClient sts;
  private final @Nullable StsClient roleSts;

  AwsClients(ProviderConfig config, AwsOptions options) {
    this.region = region(config);
    this.endpoint = config.endpoint();
    Duration attempt = config.callAttemptTimeout();
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(min(attempt, Duration.ofSeconds(10)))
            .socketTimeout(attempt)
            .build();
    this.override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(attempt)
            .apiCallTimeout(attempt)
            .build();
    AwsCredentialsProvider base;
    String baseSource;
    AwsKeys keys = options.credentials();
    if (keys != null) {
      String token = keys.sessionToken();
      base =
          StaticCredentialsProvider.create(
              token == null
                  ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                  : AwsSessionCredentials.create(
                      keys.accessKeyId(), keys.secretAccessKey(), token));
      baseSource = "the credentials the application passed";
    } else if (config.profile() != null) {
      base = ProfileCredentialsProvider.create(config.profile());
      baseSource = "profile '" + config.profile() + "' in ~/.aws/credentials or ~/.aws/config";
    } else {
      base = DefaultCredentialsProvider.builder().build();
      baseSource =
          "the default chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity, container or"
              + " instance role)";
    }
    AwsOptions acting = options.actingAs(config.role());
    String roleArn = acting.roleArn();
    if (roleArn != null) {
      this.roleSts = configure(StsClient.builder(), region).credentialsProvider(base).build();
      this.credentials =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(roleSts)
              .refreshRequest(
                  r -> {
                    r.roleArn(roleArn).roleSessionName(acting.sessionName());
                    if (acting.externalId() != null) {
                      r.externalId(acting.externalId());
                    }
                  })
              .build();
      this.credentialSource = "role " + roleArn + " assumed with " + baseSource;
    } else {
      this.roleSts = null;
      this.credentials = base;
      this.credentialSource = baseSource;
    }
    this.ec2 = ec2(region);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static Region region(ProviderConfig config) {
    if (config.region() != null) {
      return Region.of(config.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "no AWS region given: pass --region (or set AWS_REGION, or a region in the profile)", e);
    }
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region target) {
    builder.region(target).overrideConfiguration(override);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  /** The EC2 client of the provider's region. */
  Ec2Client ec2() {
    return ec2;
  }

  /** The EC2 client of another region (a copy's destination), made on first use. */
  Ec2Client ec2(String otherRegion) {
    if (otherRegion.equals(region.id())) {
      return ec2;
    }
    return otherRegions.computeIfAbsent(otherRegion, r -> ec2(Region.of(r)));
  }

  private Ec2Client ec2(Region r) {
    return configure(Ec2Client.builder(), r)
        .httpClient(http)
        .credentialsProvider(credentials)
        .build();
  }

  /** The EBS direct APIs client. */
  EbsClient ebs() {
    EbsClient c = ebs;
    if (c == null) {
      synchronized (this) {
        c = ebs;
        if (c == null) {
          c =
              configure(EbsClient.builder(), region)
                  .httpClient(http)
                  .credentialsProvider(credentials)
                  .build();
          ebs = c;
        }
      }
    }
    return c;
  }

  /** The Recycle Bin client. */
  RbinClient rbin() {
    RbinClient c = rbin;
    if (c == null) {
      synchronized (this) {
        c = rbin;
        if (c == null) {
          c =
              configure(RbinClient.builder(), region)
                  .httpClient(http)
                  .credentialsProvider(credentials)
                  .build();
          rbin = c;
        }
      }
    }
    return c;
  }

  /** The Auto Scaling client (launch configurations name images). */
  AutoScalingClient autoScaling() {
    AutoScalingClient c = autoScaling;
    if (c == null) {
      synchronized (this) {
        c = autoScaling;
        if (c == null) {
          c =
              configure(AutoScalingClient.builder(), region)
                  .httpClient(http)
                  .credentialsProvider(credentials)
                  .build();
          autoScaling = c;
        }
      }
    }
    return c;
  }

  /** The STS client acting with the provider's credentials (for the caller's identity). */
  StsClient sts() {
    StsClient c = sts;
    if (c == null) {
      synchronized (this) {
        c = sts;
        if (c == null) {
          c =
              configure(StsClient.builder(), region)
                  .httpClient(http)
                  .credentialsProvider(credentials)
                  .build();
          sts = c;
        }
      }
    }
    return c;
  }

  /** Where calls go, for messages. */
  String endpointText() {
    return endpoint != null ? endpoint.toString() : "the public " + region.id() + " endpoint";
  }

  @Override
  public void close() {
    ec2.close();
    otherRegions.values().forEach(Ec2Client::close);
    EbsClient e = ebs;
    if (e != null) {
      e.close();
    }
    RbinClient r = rbin;
    if (r != null) {
      r.close();
    }
    AutoScalingClient a = autoScaling;
    if (a != null) {
      a.close();
    }
    StsClient s = sts;
    if (s != null) {
      s.close();
    }
    if (credentials instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a credentials provider only stops its refresh thread
      }
    }
    if (roleSts != null) {
      roleSts.close();
    }
    http.close();
  }
}
