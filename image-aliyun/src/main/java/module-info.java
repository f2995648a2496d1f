/**
 * The Alibaba Cloud provider of cloudimage: ECS images and snapshots through the Alibaba Cloud SDK
 * for Java ({@code aliyun-java-sdk-ecs}), opened by name:
 *
 * <pre>{@code
 * try (ImageProvider ecs = Providers.open("aliyun", ProviderConfig.builder().region("cn-hangzhou").build())) {
 *   ecs.images().forEach(i -> System.out.println(i.nativeId() + " " + i.name()));
 * }
 * }</pre>
 */
module io.cloudimage.aliyun {
  requires transitive io.cloudimage.core;
  requires aliyun.java.sdk.core;
  requires aliyun.java.sdk.ecs;
  requires org.slf4j;
  // Only for signing exported images; absent, ExportSigning says what to add.
  requires static io.cloudimage.security;

  exports io.cloudimage.aliyun;
  exports io.cloudimage.aliyun.signature;

  provides io.cloudimage.core.client.ImageProviderFactory with
      io.cloudimage.aliyun.AliyunProviderFactory;
}
