package io.cloudimage.core.json.internal.model;

import static io.cloudimage.core.json.internal.JsonFields.putInstant;
import static io.cloudimage.core.json.internal.JsonFields.putText;
import static io.cloudimage.core.json.internal.JsonFields.putTexts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonFields;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.BootMode;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageLayer;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.SignatureStatus;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.SnapshotState;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Virtualization;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.NetworkState;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Images and snapshots as JSON trees, in the shape {@link io.cloudimage.core.json.ImageJson}
 * documents: the fields scripts rely on first, then every other field of the model. {@link
 * #readImage} accepts what {@link #image} writes and names the place and the field of anything
 * wrong.
 *
 * <p>Over 400 lines because it holds both directions (write and strict read) of the image and
 * snapshot JSON shapes, field by field, so that the shape is defined in one place.
 */
public final class ModelTrees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ModelTrees() {}

  /** The image as a JSON object. */
  public static ObjectNode image(Image image) {
    ObjectNode o = F.objectNode();
    o.put("id", image.nativeId());
    o.put("name", image.name());
    o.put("provider", image.id().provider());
    o.put("region", image.id().region());
    o.put("state", image.state().name());
    o.put("architecture", image.platform().architecture().id());
    ObjectNode os = o.putObject("os");
    os.put("family", image.platform().os().family().id());
    os.put("version", image.platform().os().version());
    putText(os, "edition", image.platform().os().edition());
    putInstant(o, "created", image.created());
    putInstant(o, "lastLaunched", image.usage().lastLaunched());
    putInstant(o, "deprecation", image.deprecation());
    o.put("sizeBytes", image.storage().sizeBytes());
    o.put("tier", image.storage().tier().name());
    ObjectNode tags = o.putObject("tags");
    image.tags().asMap().forEach(tags::put);
    o.put("inUse", image.usage().inUse());
    // Everything below is cloudimage's own detail; scripts may ignore it.
    o.put("description", image.description());
    o.put("owner", image.owner());
    o.put("visibility", image.usage().visibility().name());
    o.put("verifiedPublisher", image.assessment().verifiedPublisher());
    putTexts(
        o,
        "requiredCpuFeatures",
        image.platform().requiredCpuFeatures().stream().sorted()::iterator);
    o.put("bootMode", image.platform().bootMode().name());
    o.put("virtualization", image.platform().virtualization().name());
    putInstant(o, "lastPatched", image.assessment().lastPatched());
    o.put("rootDevice", image.guest().rootDevice());
    o.put("deregistrationProtected", image.usage().deregistrationProtected());
    putText(o, "family", image.family());
    putText(o, "format", image.storage().format());
    putText(o, "digest", image.storage().digest());
    o.put("signature", image.assessment().signature().name());
    Duration boot = image.assessment().bootTime();
    if (boot == null) {
      o.putNull("bootTimeMs");
    } else {
      o.put("bootTimeMs", boot.toMillis());
    }
    ObjectNode benchmarks = o.putObject("benchmarks");
    image.assessment().benchmarks().forEach(benchmarks::put);
    o.put("knownVulnerabilities", image.assessment().knownVulnerabilities());
    putText(o, "gpuDriver", image.platform().gpuDriver());
    ObjectNode sharing = o.putObject("sharing");
    putTexts(sharing, "accounts", image.usage().sharing().accounts().stream().sorted()::iterator);
    putTexts(
        sharing,
        "organisations",
        image.usage().sharing().organisations().stream().sorted()::iterator);
    ArrayNode devices = o.putArray("deviceBindings");
    for (DeviceBinding d : image.guest().deviceBindings()) {
      ObjectNode n = devices.addObject();
      n.put("deviceName", d.deviceName());
      n.put("volumeSizeBytes", d.volumeSizeBytes());
      putText(n, "volumeType", d.volumeType());
      putText(n, "snapshotId", d.snapshotId());
      n.put("encrypted", d.encrypted());
      putText(n, "kmsKeyId", d.kmsKeyId());
      n.put("iops", d.iops());
      n.put("throughputMbps", d.throughputMbps());
      putText(n, "nvmeSerial", d.nvmeSerial());
      putText(n, "raidMember", d.raidMember());
    }
    ObjectNode net = o.putObject("networkState");
    ArrayNode ifaces = net.putArray("interfaces");
    for (NetworkState.Interface i : image.guest().networkState().interfaces()) {
      ObjectNode n = ifaces.addObject();
      n.put("name", i.name());
      n.put("mac", i.mac());
      putTexts(n, "addresses", i.addresses());
    }
    ArrayNode routes = net.putArray("routes");
    for (NetworkState.Route r : image.guest().networkState().routes()) {
      ObjectNode n = routes.addObject();
      n.put("destination", r.destination());
      n.put("gateway", r.gateway());
      n.put("device", r.device());
    }
    ArrayNode filesystems = o.putArray("filesystems");
    for (FilesystemInfo fs : image.guest().filesystems()) {
      ObjectNode n = filesystems.addObject();
      n.put("type", fs.type());
      n.put("uuid", fs.uuid());
      n.put("label", fs.label());
      n.put("mountPoint", fs.mountPoint());
      n.put("sizeBytes", fs.sizeBytes());
      n.put("usedBytes", fs.usedBytes());
    }
    CgroupState cg = image.guest().cgroupState();
    if (cg == null) {
      o.putNull("cgroupState");
    } else {
      ObjectNode n = o.putObject("cgroupState");
      n.put("path", cg.path());
      putTexts(n, "controllers", cg.controllers());
      n.put("cpuQuotaMicros", cg.cpuQuotaMicros());
      n.put("cpuPeriodMicros", cg.cpuPeriodMicros());
      n.put("memoryLimitBytes", cg.memoryLimitBytes());
    }
    ArrayNode layers = o.putArray("layers");
    for (ImageLayer l : image.storage().layers()) {
      ObjectNode n = layers.addObject();
      n.put("id", l.id());
      n.put("kind", l.kind().name());
      putText(n, "parentId", l.parentId());
      n.put("digest", l.digest());
      n.put("sizeBytes", l.sizeBytes());
      n.put("tier", l.tier().name());
    }
    return o;
  }

  /**
   * Reads an image.
   *
   * @param node the JSON object
   * @param where names the object in errors, such as {@code "inventory.json image #3"}
   * @param defaultProvider the provider when the object has no {@code provider} field; {@code null}
   *     makes the field required
   * @param defaultRegion the region when the object has no {@code region} field; {@code null} makes
   *     the field required
   * @throws InvalidInputException naming the place and the field that is missing or wrong
   */
  public static Image readImage(
      JsonNode node,
      String where,
      @Nullable String defaultProvider,
      @Nullable String defaultRegion) {
    JsonFields j = JsonFields.of(node, where);
    try {
      Image.Builder b =
          Image.builder()
              .id(
                  new ImageId(
                      text(j, "provider", defaultProvider),
                      text(j, "region", defaultRegion),
                      j.text("id")))
              .name(j.text("name"))
              .state(j.parsed("state", s -> enumValue(ImageState.class, s), ImageState.AVAILABLE))
              .architecture(architecture(j))
              .os(os(j))
              .created(j.requiredInstant("created"))
              .lastLaunched(j.instant("lastLaunched"))
              .deprecation(j.instant("deprecation"))
              .sizeBytes(j.number("sizeBytes", 0))
              .tier(j.parsed("tier", StorageTier::parse, StorageTier.HOT))
              .tags(Tags.of(j.textMap("tags")))
              .inUse(j.bool("inUse", false))
              .description(j.text("description", ""))
              .owner(j.text("owner", ""))
              .visibility(
                  j.parsed("visibility", s -> enumValue(Visibility.class, s), Visibility.PRIVATE))
              .verifiedPublisher(j.bool("verifiedPublisher", false))
              .requiredCpuFeatures(new HashSet<>(j.texts("requiredCpuFeatures")))
              .bootMode(
                  j.parsed("bootMode", s -> enumValue(BootMode.class, s), BootMode.UEFI_PREFERRED))
              .virtualization(
                  j.parsed(
                      "virtualization",
                      s -> enumValue(Virtualization.class, s),
                      Virtualization.HVM))
              .lastPatched(j.instant("lastPatched"))
              .rootDevice(j.text("rootDevice", ""))
              .deregistrationProtected(j.bool("deregistrationProtected", false))
              .family(j.optText("family"))
              .format(j.optText("format"))
              .digest(j.optText("digest"))
              .signature(
                  j.parsed(
                      "signature",
                      s -> enumValue(SignatureStatus.class, s),
                      SignatureStatus.UNKNOWN))
              .bootTime(j.millis("bootTimeMs"))
              .benchmarks(j.numberMap("benchmarks"))
              .knownVulnerabilities((int) j.number("knownVulnerabilities", -1))
              .gpuDriver(j.optText("gpuDriver"));
      JsonFields sharing = j.object("sharing");
      if (sharing != null) {
        b.sharing(
            new Sharing(
                new HashSet<>(sharing.texts("accounts")),
                new HashSet<>(sharing.texts("organisations"))));
      }
      b.deviceBindings(
          j.objects("deviceBindings").stream()
              .map(
                  d ->
                      new DeviceBinding(
                          d.text("deviceName"),
                          d.number("volumeSizeBytes", 0),
                          d.optText("volumeType"),
                          d.optText("snapshotId"),
                          d.bool("encrypted", false),
                          d.optText("kmsKeyId"),
                          d.number("iops", 0),
                          d.number("throughputMbps", 0),
                          d.optText("nvmeSerial"),
                          d.optText("raidMember")))
              .toList());
      JsonFields net = j.object("networkState");
      if (net != null) {
        b.networkState(
            new NetworkState(
                net.objects("interfaces").stream()
                    .map(
                        i ->
                            new NetworkState.Interface(
                                i.text("name"), i.text("mac", ""), i.texts("addresses")))
                    .toList(),
                net.objects("routes").stream()
                    .map(
                        r ->
                            new NetworkState.Route(
                                r.text("destination"), r.text("gateway", ""), r.text("device", "")))
                    .toList()));
      }
      b.filesystems(
          j.objects("filesystems").stream()
              .map(
                  f ->
                      new FilesystemInfo(
                          f.text("type"),
                          f.text("uuid", ""),
                          f.text("label", ""),
                          f.text("mountPoint", ""),
                          f.number("sizeBytes", 0),
                          f.number("usedBytes", 0)))
              .toList());
      JsonFields cg = j.object("cgroupState");
      if (cg != null) {
        b.cgroupState(
            new CgroupState(
                cg.text("path"),
                cg.texts("controllers"),
                cg.number("cpuQuotaMicros", -1),
                cg.number("cpuPeriodMicros", 100_000),
                cg.number("memoryLimitBytes", -1)));
      }
      b.layers(
          j.objects("layers").stream()
              .map(
                  l ->
                      new ImageLayer(
                          l.text("id"),
                          l.parsed(
                              "kind",
                              s -> enumValue(ImageLayer.Kind.class, s),
                              ImageLayer.Kind.FULL),
                          l.optText("parentId"),
                          l.text("digest", ""),
                          l.number("sizeBytes", 0),
                          l.parsed("tier", StorageTier::parse, StorageTier.HOT)))
              .toList());
      return b.build();
    } catch (InvalidInputException e) {
      throw placed(e, where);
    }
  }

  /** A string field, required when there is no fallback. */
  private static String text(JsonFields j, String field, @Nullable String fallback) {
    return fallback == null ? j.text(field) : j.text(field, fallback);
  }

  /** The error, its message starting with {@code where} (once). */
  private static InvalidInputException placed(InvalidInputException e, String where) {
    String message = e.getMessage();
    if (message != null && message.startsWith(where)) {
      return e;
    }
    return new InvalidInputException(where + ": " + message, e);
  }

  private static Architecture architecture(JsonFields j) {
    return requiredParsed(j, "architecture", Architecture::parse);
  }

  private static <T> T requiredParsed(
      JsonFields j, String field, java.util.function.Function<String, T> parse) {
    String text = j.text(field);
    try {
      return parse.apply(text);
    } catch (InvalidInputException e) {
      throw j.error(field, String.valueOf(e.getMessage()));
    }
  }

  private static OperatingSystem os(JsonFields j) {
    JsonFields os = j.object("os");
    if (os == null) {
      throw j.error("os", "is required, as {\"family\": \"ubuntu\", \"version\": \"24.04\"}");
    }
    return new OperatingSystem(
        requiredParsed(os, "family", OsFamily::parse), os.text("version"), os.optText("edition"));
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder names = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(c.name());
      }
      throw new InvalidInputException("unknown value '" + text + "'; use one of " + names, e);
    }
  }

  /** The snapshot as a JSON object. */
  public static ObjectNode snapshot(Snapshot s) {
    ObjectNode o = F.objectNode();
    o.put("id", s.id());
    o.put("provider", s.provider());
    o.put("region", s.region());
    o.put("state", s.state().name());
    o.put("description", s.description());
    o.put("volumeSizeBytes", s.volumeSizeBytes());
    o.put("fullSizeBytes", s.fullSizeBytes());
    o.put("incrementalSizeBytes", s.incrementalSizeBytes());
    putText(o, "parentId", s.parentId());
    putInstant(o, "created", s.created());
    putInstant(o, "lastAccessed", s.lastAccessed());
    putInstant(o, "tierChanged", s.tierChanged());
    o.put("tier", s.tier().name());
    o.put("encrypted", s.encrypted());
    putText(o, "kmsKeyId", s.kmsKeyId());
    ObjectNode tags = o.putObject("tags");
    s.tags().asMap().forEach(tags::put);
    return o;
  }

  /**
   * Reads a snapshot; the parameters are those of {@link #readImage}.
   *
   * @throws InvalidInputException naming the place and the field that is missing or wrong
   */
  public static Snapshot readSnapshot(
      JsonNode node,
      String where,
      @Nullable String defaultProvider,
      @Nullable String defaultRegion) {
    JsonFields j = JsonFields.of(node, where);
    try {
      return Snapshot.builder()
          .id(j.text("id"))
          .provider(text(j, "provider", defaultProvider))
          .region(text(j, "region", defaultRegion))
          .state(j.parsed("state", s -> enumValue(SnapshotState.class, s), SnapshotState.COMPLETED))
          .description(j.text("description", ""))
          .volumeSizeBytes(j.number("volumeSizeBytes", 0))
          .fullSizeBytes(j.number("fullSizeBytes", 0))
          .incrementalSizeBytes(j.number("incrementalSizeBytes", 0))
          .parentId(j.optText("parentId"))
          .created(j.requiredInstant("created"))
          .lastAccessed(j.instant("lastAccessed"))
          .tierChanged(j.instant("tierChanged"))
          .tier(j.parsed("tier", StorageTier::parse, StorageTier.HOT))
          .encrypted(j.bool("encrypted", false))
          .kmsKeyId(j.optText("kmsKeyId"))
          .tags(Tags.of(j.textMap("tags")))
          .build();
    } catch (InvalidInputException e) {
      throw placed(e, where);
    }
  }
}
