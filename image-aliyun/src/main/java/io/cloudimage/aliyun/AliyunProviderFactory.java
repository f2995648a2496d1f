package io.cloudimage.aliyun;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.ImageProviderFactory;
import io.cloudimage.core.provider.ProviderConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes {@link AliyunProvider}s for {@code Providers.open("aliyun", config)}: the region from the
 * config, else {@code ALIBABA_CLOUD_REGION_ID}, else {@code cn-hangzhou}; credentials from {@link
 * AliyunCredentials#resolve}; the endpoint override, if any, from the config.
 */
public final class AliyunProviderFactory implements ImageProviderFactory {
  /** The region used when neither the config nor the environment names one. */
  public static final String DEFAULT_REGION = "cn-hangzhou";

  private final Map<String, String> env;
  private final Path home;

  /** The factory {@link java.util.ServiceLoader} instantiates: this process's environment. */
  public AliyunProviderFactory() {
    this(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A factory reading the region and credentials from {@code env} and {@code home} instead. */
  AliyunProviderFactory(Map<String, String> env, Path home) {
    this.env = Map.copyOf(env);
    this.home = home;
  }

  @Override
  public String name() {
    return AliyunDriver.NAME;
  }

  @Override
  public ImageProvider open(ProviderConfig config) {
    // Before the credentials are looked for: a role is refused whatever the machine holds.
    AliyunProvider.refuseRole(config);
    String region = config.region();
    if (region == null) {
      region = env.getOrDefault("ALIBABA_CLOUD_REGION_ID", DEFAULT_REGION);
    }
    AliyunCredentials credentials = AliyunCredentials.resolve(config.profile(), env, home);
    return AliyunProvider.open(config.withRegion(region), credentials, SharingPolicy.defaults());
  }

  /** An {@link AliyunProvider} with explicit credentials and sharing rules. */
  public static AliyunProvider open(
      ProviderConfig config, AliyunCredentials credentials, SharingPolicy sharingPolicy) {
    return AliyunProvider.open(config, credentials, sharingPolicy);
  }
}
