package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.ImportImageRequest;
import com.aliyuncs.ecs.model.v20140526.ImportImageResponse;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * ImportImage: disks in OSS become a custom image. The call only starts the work; {@link
 * AliyunProvider#importFromOss} polls it to the end.
 */
final class EcsImports {
  private final String region;
  private final EcsClient ecs;

  EcsImports(String region, EcsClient ecs) {
    this.region = region;
    this.ecs = ecs;
  }

  /** An import the service accepted: the image it is making and the task doing it. */
  record Started(String imageId, String taskId) {}

  /** Sends ImportImage with the image check on; nothing is waited for. */
  Started start(OssImport request) {
    ImportImageRequest req = new ImportImageRequest();
    req.setImageName(request.name());
    if (!request.description().isEmpty()) {
      req.setDescription(request.description());
    }
    req.setArchitecture(request.architecture() == Architecture.ARM64 ? "arm64" : "x86_64");
    req.setOSType(request.os().family() == OsFamily.WINDOWS_SERVER ? "windows" : "linux");
    req.setPlatform(platform(request.os()));
    // The standard check inspects the guest (drivers, fstab, GRUB, DHCP), as after CreateImage.
    req.setDetectionStrategy("Standard");
    List<ImportImageRequest.DiskDeviceMapping> mappings = new ArrayList<>();
    for (OssDisk d : request.disks()) {
      ImportImageRequest.DiskDeviceMapping m = new ImportImageRequest.DiskDeviceMapping();
      m.setOSSBucket(d.bucket());
      m.setOSSObject(d.object());
      m.setFormat(
          d.format().equals("qcow2") ? "qcow2" : d.format().toUpperCase(java.util.Locale.ROOT));
      m.setDevice(d.device());
      if (d.sizeGib() > 0) {
        m.setDiskImageSize(d.sizeGib());
      }
      mappings.add(m);
    }
    req.setDiskDeviceMappings(mappings);
    List<ImportImageRequest.Tag> tags = new ArrayList<>();
    request
        .tags()
        .asMap()
        .forEach(
            (k, v) -> {
              ImportImageRequest.Tag t = new ImportImageRequest.Tag();
              t.setKey(k);
              t.setValue(v);
              tags.add(t);
            });
    if (!tags.isEmpty()) {
      req.setTags(tags);
    }
    ImportImageResponse answer = ecs.call(req, region, request.disks().get(0).object());
    return new Started(EcsMapping.text(answer.getImageId()), EcsMapping.text(answer.getTaskId()));
  }

  /** ECS's {@code Platform} value for an operating system. */
  static String platform(OperatingSystem os) {
    return switch (os.family()) {
      case UBUNTU -> "Ubuntu";
      case DEBIAN -> "Debian";
      case RHEL -> "RedHat";
      case ALMALINUX -> "AlmaLinux";
      case ROCKY -> "Rocky Linux";
      case CENTOS -> "CentOS";
      case ALIBABA_CLOUD_LINUX -> "Aliyun";
      case SUSE -> "SUSE";
      case WINDOWS_SERVER -> "Windows Server " + os.version();
      case AMAZON_LINUX, OTHER -> "Others Linux";
    };
  }
}
