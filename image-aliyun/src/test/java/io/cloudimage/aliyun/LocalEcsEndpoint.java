package io.cloudimage.aliyun;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local ECS endpoint that the real SDK talks to over plain HTTP. It checks each request's RPC
 * signature with {@link #SECRET}, keeps images, snapshots, share lists, instances and tasks per
 * region, answers in the JSON shapes of the ECS API reference (errors as {@code RequestId}, {@code
 * HostId}, {@code Code}, {@code Message}), and fails the next calls on demand.
 *
 * <p>Long work (image creation, copies, exports) finishes after {@link #pollsToFinish(int)}
 * describe calls, so that tests see progress without sleeping.
 */
final class LocalEcsEndpoint implements AutoCloseable {
  static final String ACCESS_KEY_ID = "LTAI5tLocalTestKey01";
  static final String SECRET = "local-test-secret-0123456789abcd";
  static final String OWNER_ID = "1234567890123456";
  static final String HOST_ID = "ecs.aliyuncs.com";

  private final HttpServer server;
  private final AtomicLong ids = new AtomicLong(0x1000);
  private final Map<String, FakeImage> images = new LinkedHashMap<>();
  private final Map<String, FakeSnapshot> snapshots = new LinkedHashMap<>();
  private final Map<String, FakeInstance> instances = new LinkedHashMap<>();
  private final Map<String, FakeTask> tasks = new LinkedHashMap<>();
  private final Deque<String> faults = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private final Set<String> loseAnswers = new HashSet<>();
  private final List<Map<String, String>> copyCalls = new ArrayList<>();
  private final List<String> exported = new ArrayList<>();
  private final List<String[]> checkFindings = new ArrayList<>();
  private final Set<String> ossObjects = new LinkedHashSet<>();
  private final List<Map<String, String>> imports = new ArrayList<>();
  private boolean failImports;
  private int pollsToFinish = 1;
  private Instant now = Instant.parse("2026-11-20T08:00:00Z");

  private LocalEcsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Starts an endpoint on a free loopback port. */
  static LocalEcsEndpoint start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LocalEcsEndpoint endpoint = new LocalEcsEndpoint(server);
    server.createContext("/", endpoint::handle);
    server.start();
    return endpoint;
  }

  /** The endpoint's URL, {@code http://127.0.0.1:PORT}. */
  URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- what tests set up and inspect ----

  /** The actions received so far, signature-checked or not, in order. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * Does the next {@code action} but answers it with ServiceUnavailable, as when the connection
   * drops after the service acted: the caller cannot tell whether it happened.
   */
  synchronized void loseNextAnswer(String action) {
    loseAnswers.add(action);
  }

  /** The parameters of every CopyImage received, in order. */
  synchronized List<Map<String, String>> copyCalls() {
    return List.copyOf(copyCalls);
  }

  /**
   * Fails the next {@code times} calls with {@code code} (Throttling.User, ServiceUnavailable…).
   */
  synchronized void failNext(String code, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(code);
    }
  }

  /** How many describe calls long work takes to finish; at least 1. */
  synchronized void pollsToFinish(int polls) {
    this.pollsToFinish = polls;
  }

  /** What the image check reports for images created from now on: name, value, risk level. */
  synchronized void checkFindings(String[]... findings) {
    checkFindings.clear();
    checkFindings.addAll(List.of(findings));
  }

  /** The OSS objects exports wrote, as {@code oss://bucket/prefix.format}. */
  synchronized List<String> exported() {
    return List.copyOf(exported);
  }

  /** Puts an object into OSS, where ImportImage can read it. */
  synchronized void putOssObject(String bucket, String key) {
    ossObjects.add("oss://" + bucket + "/" + key);
  }

  /** Makes every import from now on fail part-way, as a disk the service cannot read does. */
  synchronized void failImports() {
    failImports = true;
  }

  /** The parameters of every ImportImage received, signature-checked. */
  synchronized List<Map<String, String>> imports() {
    return List.copyOf(imports);
  }

  /** Adds an available image owned by the caller, backed by a new snapshot. */
  synchronized FakeImage addImage(String region, String name) {
    FakeSnapshot snap = addSnapshot(region, 40);
    FakeImage image = new FakeImage(newId("m-"), region, name, tick());
    image.disks.add(new String[] {"/dev/xvda", snap.id, "40"});
    snap.usage = "image";
    images.put(image.id, image);
    return image;
  }

  /** Adds a completed snapshot. */
  synchronized FakeSnapshot addSnapshot(String region, int sizeGb) {
    FakeSnapshot s = new FakeSnapshot(newId("s-"), region, sizeGb, tick());
    snapshots.put(s.id, s);
    return s;
  }

  /** Adds a running instance launched from an image, with a system disk snapshot to capture. */
  synchronized FakeInstance addInstance(String region, String imageId) {
    FakeInstance i = new FakeInstance(newId("i-"), region, imageId);
    instances.put(i.id, i);
    FakeImage image = images.get(imageId);
    if (image != null) {
      image.usage = "instance";
    }
    return i;
  }

  /** An image by id, or null. */
  synchronized FakeImage image(String id) {
    return images.get(id);
  }

  /** Every image in a region. */
  synchronized List<FakeImage> images(String region) {
    return images.values().stream().filter(i -> i.region.equals(region)).toList();
  }

  /** A snapshot by id, or null. */
  synchronized FakeSnapshot snapshot(String id) {
    return snapshots.get(id);
  }

  // ---- the HTTP side ----

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    int status;
    String body;
    try {
      Map<String, String> params = params(exchange);
      body = json(answer(exchange.getRequestMethod(), params, requestId));
      status = 200;
    } catch (EcsError e) {
      status = e.status;
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("RequestId", requestId);
      error.put("HostId", HOST_ID);
      error.put("Code", e.code);
      error.put("Message", e.getMessage());
      body = json(error);
    } catch (RuntimeException e) {
      status = 500;
      body =
          json(
              Map.of(
                  "RequestId",
                  requestId,
                  "HostId",
                  HOST_ID,
                  "Code",
                  "InternalError",
                  "Message",
                  "endpoint bug: " + e));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    decodeInto(exchange.getRequestURI().getRawQuery(), params);
    byte[] body = exchange.getRequestBody().readAllBytes();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (body.length > 0 && type != null && type.startsWith("application/x-www-form-urlencoded")) {
      decodeInto(new String(body, StandardCharsets.UTF_8), params);
    }
    return params;
  }

  private static void decodeInto(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
  }

  private synchronized Map<String, Object> answer(
      String method, Map<String, String> p, String requestId) {
    String action = p.getOrDefault("Action", "");
    calls.add(action);
    if (!ACCESS_KEY_ID.equals(p.get("AccessKeyId"))) {
      throw new EcsError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    String expected = RpcSignature.sign(method, p, SECRET);
    if (!expected.equals(p.get("Signature"))) {
      throw new EcsError(
          400,
          "SignatureDoesNotMatch",
          "Specified signature is not matched with our calculation. server string to sign is:"
              + method);
    }
    if (!"1.0".equals(p.get("SignatureVersion")) || !"HMAC-SHA1".equals(p.get("SignatureMethod"))) {
      throw new EcsError(400, "IncompleteSignature", "The request signature does not conform.");
    }
    String fault = faults.poll();
    if (fault != null) {
      throw fault(fault);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("RequestId", requestId);
    String region = p.getOrDefault("RegionId", "");
    switch (action) {
      case "DescribeImages" -> describeImages(p, region, out);
      case "DescribeImageFromFamily" -> describeFromFamily(p, region, out);
      case "DescribeImageSharePermission" -> describeShares(p, region, out);
      case "ModifyImageSharePermission" -> modifyShares(p, region);
      case "ModifyImageAttribute" -> modifyAttribute(p, region);
      case "CreateImage" -> out.put("ImageId", createImage(p, region).id);
      case "CopyImage" -> {
        copyCalls.add(Map.copyOf(p));
        out.put("ImageId", copyImage(p, region).id);
      }
      case "CancelCopyImage" -> cancelCopy(p, region);
      case "DeleteImage" -> deleteImage(p, region);
      case "DeleteSnapshot" -> deleteSnapshot(p);
      case "DescribeSnapshots" -> describeSnapshots(p, region, out);
      case "DescribeInstances" -> describeInstances(p, region, out);
      case "ExportImage" -> {
        out.put("TaskId", exportImage(p, region).id);
        out.put("RegionId", region);
      }
      case "ImportImage" -> {
        FakeTask task = importImage(p, region);
        out.put("ImageId", task.resourceId);
        out.put("TaskId", task.id);
        out.put("RegionId", region);
      }
      case "DescribeTasks" -> describeTasks(p, region, out);
      case "TagResources" -> tag(p, region, true);
      case "UntagResources" -> tag(p, region, false);
      default -> throw new EcsError(404, "InvalidAction.NotFound", "Specified api is not found.");
    }
    if (loseAnswers.remove(action)) {
      throw fault("ServiceUnavailable");
    }
    return out;
  }

  private static EcsError fault(String code) {
    return switch (code) {
      case "Throttling.User" ->
          new EcsError(400, code, "Request was denied due to user flow control.");
      case "ServiceUnavailable" ->
          new EcsError(
              503, code, "The request has failed due to a temporary failure of the server.");
      default ->
          new EcsError(
              500,
              code,
              "The request processing has failed due to some unknown error, exception or failure.");
    };
  }

  // ---- images ----

  private void describeImages(Map<String, String> p, String region, Map<String, Object> out) {
    advanceImages(region);
    Set<String> ids = csv(p.get("ImageId"));
    Set<String> statuses = csv(p.getOrDefault("Status", "Available"));
    String alias = p.get("ImageOwnerAlias");
    String family = p.get("ImageFamily");
    String name = p.get("ImageName");
    Map<String, String> tags = indexedPairs(p, "Tag.", ".Key", ".Value");
    Predicate<FakeImage> match =
        i ->
            i.region.equals(region)
                && (ids.isEmpty() || ids.contains(i.id))
                && (statuses.contains(i.status))
                && (alias == null || alias.equals(i.ownerAlias))
                && (family == null || family.equals(i.family))
                && (name == null || i.name.contains(name))
                && tags.entrySet().stream()
                    .allMatch(t -> t.getValue().equals(i.tags.get(t.getKey())));
    List<FakeImage> all =
        images.values().stream()
            .filter(match)
            .sorted(Comparator.comparing((FakeImage i) -> i.created).reversed())
            .toList();
    page(p, all, 10, 100, "Images", "Image", this::imageJson, out);
    out.put("RegionId", region);
  }

  private void describeFromFamily(Map<String, String> p, String region, Map<String, Object> out) {
    String family = required(p, "ImageFamily");
    images.values().stream()
        .filter(i -> i.region.equals(region) && family.equals(i.family))
        .filter(i -> i.status.equals("Available"))
        .max(Comparator.comparing((FakeImage i) -> i.created))
        .ifPresentOrElse(i -> out.put("Image", imageJson(i)), () -> out.put("Image", Map.of()));
  }

  private Map<String, Object> imageJson(FakeImage i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ImageId", i.id);
    m.put("ImageName", i.name);
    m.put("ImageFamily", i.family);
    m.put("ImageVersion", "");
    m.put("Description", i.description);
    m.put("Size", i.sizeGb);
    m.put("Architecture", i.architecture);
    m.put("OSType", i.osType);
    m.put("Platform", i.platform);
    m.put("OSName", i.osName);
    m.put("OSNameEn", i.osName);
    m.put("Status", i.status);
    m.put("Progress", i.progress + "%");
    m.put("CreationTime", time(i.created));
    m.put("ImageOwnerAlias", i.ownerAlias);
    m.put("ImageOwnerId", Long.parseLong(OWNER_ID));
    m.put("IsSelfShared", i.sharedWith.isEmpty() ? "False" : "True");
    m.put("IsCopied", i.copiedFrom != null);
    m.put("IsPublic", !i.ownerAlias.equals("self"));
    m.put("IsSupportCloudinit", true);
    m.put("IsSupportIoOptimized", true);
    m.put("Usage", i.usage);
    m.put("ProductCode", i.productCode);
    m.put("BootMode", "BIOS");
    List<Object> disks = new ArrayList<>();
    for (String[] d : i.disks) {
      disks.add(
          Map.of("Device", d[0], "SnapshotId", d[1], "Size", d[2], "Type", "system", "Format", ""));
    }
    m.put("DiskDeviceMappings", Map.of("DiskDeviceMapping", disks));
    m.put("Tags", Map.of("Tag", tagsJson(i.tags)));
    if (i.detection != null) {
      List<Object> items = new ArrayList<>();
      for (String[] f : i.findings) {
        items.add(
            Map.of(
                "Name", f[0],
                "Value", f[1],
                "RiskLevel", f[2],
                "RiskCode", f[2].isEmpty() ? "" : "Risk." + f[0]));
      }
      m.put(
          "DetectionOptions",
          Map.of(
              "Status",
              i.status.equals("Available") ? "Finished" : "Processing",
              "Items",
              Map.of("Item", i.status.equals("Available") ? items : List.of())));
    }
    return m;
  }

  private void advanceImages(String region) {
    for (FakeImage i : images.values()) {
      if (i.region.equals(region) && i.status.equals("Creating")) {
        i.polls++;
        i.progress = Math.min(100, 100 * i.polls / pollsToFinish);
        if (i.failAtEnd && i.polls >= Math.max(1, pollsToFinish - 1)) {
          i.status = "CreateFailed";
        } else if (i.polls >= pollsToFinish) {
          i.status = "Available";
          i.progress = 100;
        }
      }
    }
  }

  private FakeImage ownImage(Map<String, String> p, String region) {
    String id = required(p, "ImageId");
    FakeImage i = images.get(id);
    if (i == null || !i.region.equals(region)) {
      throw new EcsError(404, "InvalidImageId.NotFound", "The specified ImageId does not exist.");
    }
    return i;
  }

  private FakeImage createImage(Map<String, String> p, String region) {
    String name = p.getOrDefault("ImageName", "");
    String family = p.getOrDefault("ImageFamily", "");
    checkFamilyRoom(region, family);
    FakeImage image = new FakeImage(newId("m-"), region, name.isEmpty() ? "image" : name, tick());
    String instanceId = p.get("InstanceId");
    if (instanceId != null) {
      FakeInstance instance = instances.get(instanceId);
      if (instance == null || !instance.region.equals(region)) {
        throw new EcsError(
            404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.");
      }
      FakeSnapshot snap = addSnapshot(region, 40);
      snap.usage = "image";
      image.disks.add(new String[] {"/dev/xvda", snap.id, "40"});
      FakeImage source = images.get(instance.imageId);
      if (source != null) {
        image.copyFacts(source);
      }
    } else {
      Map<String, String> mapped = indexedPairs(p, "DiskDeviceMapping.", ".SnapshotId", ".Device");
      String single = p.get("SnapshotId");
      if (single != null) {
        mapped.put(single, "/dev/xvda");
      }
      if (mapped.isEmpty()) {
        throw new EcsError(
            400, "MissingParameter", "The input parameter InstanceId or SnapshotId is missing.");
      }
      for (Map.Entry<String, String> e : mapped.entrySet()) {
        FakeSnapshot snap = snapshots.get(e.getKey());
        if (snap == null || !snap.region.equals(region)) {
          throw new EcsError(
              404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist.");
        }
        snap.usage = "image";
        String device = e.getValue() == null || e.getValue().isEmpty() ? "/dev/xvda" : e.getValue();
        image.disks.add(new String[] {device, snap.id, String.valueOf(snap.sizeGb)});
      }
    }
    image.family = family;
    if ("Standard".equals(p.get("DetectionStrategy"))) {
      image.detection = "Standard";
      image.findings.addAll(checkFindings);
    }
    image.description = p.getOrDefault("Description", "");
    image.tags.putAll(indexedPairs(p, "Tag.", ".Key", ".Value"));
    image.status = "Creating";
    image.progress = 0;
    images.put(image.id, image);
    return image;
  }

  private void checkFamilyRoom(String region, String family) {
    if (family.isEmpty()) {
      return;
    }
    long inFamily =
        images.values().stream()
            .filter(i -> i.region.equals(region) && family.equals(i.family))
            .count();
    if (inFamily >= 100) {
      throw new EcsError(
          403, "QuotaExceed.ImageFamily", "The number of images in the family exceeds the quota.");
    }
  }

  private FakeImage copyImage(Map<String, String> p, String region) {
    FakeImage source = ownImage(p, region);
    if (!source.status.equals("Available")) {
      throw new EcsError(403, "IncorrectImageStatus", "The image is not available.");
    }
    String target = required(p, "DestinationRegionId");
    FakeImage copy =
        new FakeImage(
            newId("m-"), target, p.getOrDefault("DestinationImageName", source.name), tick());
    copy.copyFacts(source);
    copy.copiedFrom = source.id;
    copy.description = p.getOrDefault("DestinationDescription", source.description);
    for (String[] d : source.disks) {
      FakeSnapshot snap = addSnapshot(target, Integer.parseInt(d[2]));
      snap.usage = "image";
      if (Boolean.parseBoolean(p.getOrDefault("Encrypted", "false"))) {
        snap.encrypted = true;
        snap.kmsKeyId = p.get("KMSKeyId");
      }
      copy.disks.add(new String[] {d[0], snap.id, d[2]});
    }
    copy.kmsKeyId = p.get("KMSKeyId");
    copy.tags.putAll(indexedPairs(p, "Tag.", ".Key", ".Value"));
    copy.status = "Creating";
    copy.progress = 0;
    images.put(copy.id, copy);
    return copy;
  }

  private void cancelCopy(Map<String, String> p, String region) {
    FakeImage copy = ownImage(p, region);
    if (copy.copiedFrom == null || !copy.status.equals("Creating")) {
      throw new EcsError(403, "IncorrectImageStatus", "The image is not being copied.");
    }
    images.remove(copy.id);
    copy.disks.forEach(d -> snapshots.remove(d[1]));
  }

  private void modifyAttribute(Map<String, String> p, String region) {
    FakeImage image = ownImage(p, region);
    String status = p.get("Status");
    if (status != null) {
      if (!status.equals("Deprecated") && !status.equals("Available")) {
        throw new EcsError(400, "InvalidParameter.Status", "The specified Status is invalid.");
      }
      if (status.equals("Deprecated") && !image.sharedWith.isEmpty()) {
        throw new EcsError(
            403,
            "InvalidOperation.ImageShared",
            "The image is shared with other accounts and cannot be deprecated.");
      }
      image.status = status;
    }
    if (p.containsKey("ImageFamily")) {
      String family = p.get("ImageFamily");
      checkFamilyRoom(region, family);
      image.family = family;
    }
    if (p.containsKey("ImageName")) {
      image.name = p.get("ImageName");
    }
    if (p.containsKey("Description")) {
      image.description = p.get("Description");
    }
  }

  private void deleteImage(Map<String, String> p, String region) {
    FakeImage image = ownImage(p, region);
    boolean force = Boolean.parseBoolean(p.getOrDefault("Force", "false"));
    if (!image.sharedWith.isEmpty()) {
      throw new EcsError(
          403,
          "InvalidImageId.Shared",
          "The image is shared with other accounts; unshare it first.");
    }
    boolean used = instances.values().stream().anyMatch(i -> i.imageId.equals(image.id));
    if (used && !force) {
      throw new EcsError(
          403,
          "IncorrectImageStatus.ImageUsedByInstance",
          "The image is used by instances; use Force to delete it.");
    }
    images.remove(image.id);
    for (String[] d : image.disks) {
      FakeSnapshot s = snapshots.get(d[1]);
      if (s != null) {
        s.usage = "none";
      }
    }
  }

  // ---- sharing ----

  private void describeShares(Map<String, String> p, String region, Map<String, Object> out) {
    FakeImage image = ownImage(p, region);
    List<String> accounts = new ArrayList<>(image.sharedWith);
    page(
        p,
        accounts,
        10,
        100,
        "Accounts",
        "Account",
        a -> Map.of("AliyunId", a, "SharedTime", time(now)),
        out);
    out.put("ImageId", image.id);
    out.put("RegionId", region);
    out.put("ShareGroups", Map.of("ShareGroup", List.of()));
  }

  private void modifyShares(Map<String, String> p, String region) {
    FakeImage image = ownImage(p, region);
    List<String> add = indexed(p, "AddAccount.");
    List<String> remove = indexed(p, "RemoveAccount.");
    if (add.size() > 10 || remove.size() > 10) {
      throw new EcsError(
          400, "InvalidParameter.AccountCount", "At most 10 accounts may be given in one call.");
    }
    if (!add.isEmpty() && !image.status.equals("Available")) {
      throw new EcsError(403, "IncorrectImageStatus", "Only available images can be shared.");
    }
    Set<String> after = new LinkedHashSet<>(image.sharedWith);
    after.addAll(add);
    after.removeAll(remove);
    if (after.size() > 50) {
      throw new EcsError(
          403,
          "QuotaExceed.ShareImageUser",
          "The image is shared with the maximum of 50 accounts.");
    }
    image.sharedWith.clear();
    image.sharedWith.addAll(after);
  }

  // ---- snapshots, instances, tags ----

  private void describeSnapshots(Map<String, String> p, String region, Map<String, Object> out) {
    Set<String> ids = new LinkedHashSet<>();
    String raw = p.get("SnapshotIds");
    if (raw != null) {
      for (String s : raw.replaceAll("[\\[\\]\" ]", "").split(",")) {
        if (!s.isEmpty()) {
          ids.add(s);
        }
      }
    }
    List<FakeSnapshot> all =
        snapshots.values().stream()
            .filter(s -> s.region.equals(region) && (ids.isEmpty() || ids.contains(s.id)))
            .toList();
    page(p, all, 10, 100, "Snapshots", "Snapshot", this::snapshotJson, out);
  }

  private Map<String, Object> snapshotJson(FakeSnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("SnapshotId", s.id);
    m.put("SnapshotName", "");
    m.put("Description", s.description);
    m.put("SourceDiskSize", String.valueOf(s.sizeGb));
    m.put("SourceDiskType", "system");
    m.put("CreationTime", time(s.created));
    m.put("Status", "accomplished");
    m.put("Progress", "100%");
    m.put("Category", s.category);
    m.put("Encrypted", s.encrypted);
    m.put("KMSKeyId", s.kmsKeyId == null ? "" : s.kmsKeyId);
    m.put("Usage", s.usage);
    m.put("RegionId", s.region);
    m.put("Tags", Map.of("Tag", tagsJson(s.tags)));
    return m;
  }

  private void deleteSnapshot(Map<String, String> p) {
    String id = required(p, "SnapshotId");
    FakeSnapshot s = snapshots.get(id);
    if (s == null) {
      throw new EcsError(
          404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist.");
    }
    boolean used =
        images.values().stream().anyMatch(i -> i.disks.stream().anyMatch(d -> d[1].equals(id)));
    if (used) {
      throw new EcsError(
          403, "SnapshotCreatedImage", "The snapshot has been used to create user defined image.");
    }
    snapshots.remove(id);
  }

  private void describeInstances(Map<String, String> p, String region, Map<String, Object> out) {
    List<FakeInstance> all =
        instances.values().stream().filter(i -> i.region.equals(region)).toList();
    page(
        p,
        all,
        10,
        100,
        "Instances",
        "Instance",
        i ->
            Map.of(
                "InstanceId", i.id,
                "ImageId", i.imageId,
                "Status", "Running",
                "RegionId", i.region),
        out);
  }

  private void tag(Map<String, String> p, String region, boolean add) {
    String type = required(p, "ResourceType");
    for (String id : indexed(p, "ResourceId.")) {
      Map<String, String> tags;
      if (type.equals("image")) {
        tags = ownImage(Map.of("ImageId", id), region).tags;
      } else if (type.equals("snapshot") && snapshots.containsKey(id)) {
        tags = snapshots.get(id).tags;
      } else {
        throw new EcsError(
            404, "InvalidResourceId.NotFound", "The resource " + id + " is not found.");
      }
      if (add) {
        tags.putAll(indexedPairs(p, "Tag.", ".Key", ".Value"));
      } else {
        indexed(p, "TagKey.").forEach(tags::remove);
      }
    }
  }

  // ---- tasks ----

  private FakeTask exportImage(Map<String, String> p, String region) {
    FakeImage image = ownImage(p, region);
    if (image.osType.equals("windows") || !image.productCode.isEmpty()) {
      throw new EcsError(
          403,
          "InvalidImageType.NotSupported",
          "Windows images and images derived from Marketplace images cannot be exported.");
    }
    String format = p.getOrDefault("ImageFormat", "raw");
    FakeTask task = new FakeTask(newId("t-"), region, "ExportImage", image.id, tick());
    task.result =
        "oss://"
            + required(p, "OSSBucket")
            + "/"
            + p.getOrDefault("OSSPrefix", "")
            + image.id
            + "."
            + format.toLowerCase(Locale.ROOT);
    tasks.put(task.id, task);
    return task;
  }

  private FakeTask importImage(Map<String, String> p, String region) {
    Map<String, String> disks = indexedPairs(p, "DiskDeviceMapping.", ".OSSObject", ".OSSBucket");
    if (disks.isEmpty()) {
      throw new EcsError(
          400, "MissingParameter", "The input parameter DiskDeviceMapping.N.OSSObject is missing.");
    }
    String arch = p.getOrDefault("Architecture", "x86_64");
    if (!arch.equals("x86_64") && !arch.equals("arm64")) {
      throw new EcsError(400, "InvalidArchitecture.Malformed", "The Architecture is invalid.");
    }
    FakeImage image =
        new FakeImage(newId("m-"), region, p.getOrDefault("ImageName", "imported"), tick());
    for (int n = 1; p.containsKey("DiskDeviceMapping." + n + ".OSSObject"); n++) {
      String bucket = required(p, "DiskDeviceMapping." + n + ".OSSBucket");
      String key = p.get("DiskDeviceMapping." + n + ".OSSObject");
      String format = p.getOrDefault("DiskDeviceMapping." + n + ".Format", "");
      if (!Set.of("RAW", "VHD", "qcow2", "VMDK").contains(format)) {
        throw new EcsError(400, "InvalidParameter.Format", "The Format " + format + " is invalid.");
      }
      if (!ossObjects.contains("oss://" + bucket + "/" + key)) {
        throw new EcsError(
            404,
            "InvalidOSSObject.NotFound",
            "The OSS object " + bucket + "/" + key + " is missing.");
      }
      FakeSnapshot snap = addSnapshot(region, 40);
      snap.usage = "image";
      image.disks.add(
          new String[] {
            p.getOrDefault("DiskDeviceMapping." + n + ".Device", "/dev/xvda"), snap.id, "40"
          });
    }
    image.architecture = arch;
    image.osType = p.getOrDefault("OSType", "linux");
    image.platform = p.getOrDefault("Platform", "Others Linux");
    image.osName = image.platform;
    image.description = p.getOrDefault("Description", "");
    image.tags.putAll(indexedPairs(p, "Tag.", ".Key", ".Value"));
    if ("Standard".equals(p.get("DetectionStrategy"))) {
      image.detection = "Standard";
      image.findings.addAll(checkFindings);
    }
    image.status = "Creating";
    image.progress = 0;
    image.failAtEnd = failImports;
    images.put(image.id, image);
    imports.add(new LinkedHashMap<>(p));
    FakeTask task = new FakeTask(newId("t-"), region, "ImportImage", image.id, tick());
    tasks.put(task.id, task);
    return task;
  }

  private void describeTasks(Map<String, String> p, String region, Map<String, Object> out) {
    Set<String> ids = csv(p.get("TaskIds"));
    List<FakeTask> all =
        tasks.values().stream()
            .filter(t -> t.region.equals(region) && (ids.isEmpty() || ids.contains(t.id)))
            .toList();
    for (FakeTask t : all) {
      if (t.action.equals("ImportImage")) {
        // An import's task follows its image: the image's describes move it on.
        FakeImage image = images.get(t.resourceId);
        String imageStatus = image == null ? "CreateFailed" : image.status;
        if (imageStatus.equals("Available")) {
          t.status = "Finished";
        } else if (imageStatus.equals("CreateFailed")) {
          t.status = "Failed";
        }
        continue;
      }
      if (t.status.equals("Processing") && ++t.polls >= pollsToFinish) {
        t.status = "Finished";
        t.finished = tick();
        exported.add(t.result);
      }
    }
    page(
        p,
        all,
        10,
        100,
        "TaskSet",
        "Task",
        t ->
            Map.of(
                "TaskId", t.id,
                "TaskAction", t.action,
                "TaskStatus", t.status,
                "SupportCancel", "false",
                "CreationTime", time(t.created),
                "FinishedTime", t.finished == null ? "" : time(t.finished),
                "ResourceId", t.resourceId),
        out);
    out.put("RegionId", region);
  }

  // ---- helpers ----

  private static <T> void page(
      Map<String, String> p,
      List<T> all,
      int defaultSize,
      int maxSize,
      String outer,
      String inner,
      java.util.function.Function<T, Object> render,
      Map<String, Object> out) {
    int number = Integer.parseInt(p.getOrDefault("PageNumber", "1"));
    int size = Integer.parseInt(p.getOrDefault("PageSize", String.valueOf(defaultSize)));
    if (number < 1 || size < 1 || size > maxSize) {
      throw new EcsError(
          400, "InvalidParameter.PageSize", "PageNumber must be >= 1 and PageSize 1.." + maxSize);
    }
    int from = Math.min(all.size(), (number - 1) * size);
    int to = Math.min(all.size(), from + size);
    List<Object> items = new ArrayList<>();
    for (T t : all.subList(from, to)) {
      items.add(render.apply(t));
    }
    out.put("TotalCount", all.size());
    out.put("PageNumber", number);
    out.put("PageSize", size);
    out.put(outer, Map.of(inner, items));
  }

  private static List<Object> tagsJson(Map<String, String> tags) {
    List<Object> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(Map.of("TagKey", k, "TagValue", v)));
    return out;
  }

  private static String required(Map<String, String> p, String name) {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      throw new EcsError(
          400,
          "MissingParameter",
          "The input parameter \""
              + name
              + "\" that is mandatory for processing this request is not supplied.");
    }
    return v;
  }

  private static Set<String> csv(String value) {
    Set<String> out = new LinkedHashSet<>();
    if (value != null) {
      for (String s : value.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  /** Values of {@code prefix1}, {@code prefix2}… in index order. */
  private static List<String> indexed(Map<String, String> p, String prefix) {
    List<String> out = new ArrayList<>();
    for (int n = 1; p.containsKey(prefix + n); n++) {
      out.add(p.get(prefix + n));
    }
    return out;
  }

  /** {@code prefixN+key} → {@code prefixN+value} pairs in index order. */
  private static Map<String, String> indexedPairs(
      Map<String, String> p, String prefix, String key, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int n = 1; p.containsKey(prefix + n + key); n++) {
      out.put(p.get(prefix + n + key), p.getOrDefault(prefix + n + value, ""));
    }
    return out;
  }

  private String newId(String prefix) {
    return prefix + "bp1" + Long.toHexString(ids.incrementAndGet()) + "x0cloudimage";
  }

  /** The endpoint's clock moves one minute per created resource, so "newest" is well defined. */
  private Instant tick() {
    now = now.plus(1, ChronoUnit.MINUTES);
    return now;
  }

  private static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A minimal JSON writer for maps, lists, strings, numbers and booleans. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(l.get(i), out);
      }
      out.append(']');
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else {
      out.append('"');
      for (char c : v.toString().toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }

  /** An error answer: HTTP status, code and message. */
  static final class EcsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    EcsError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** An image's state in the endpoint. */
  static final class FakeImage {
    final String id;
    final String region;
    String name;
    String description = "";
    String family = "";
    String status = "Available";
    int progress = 100;
    int polls;
    String ownerAlias = "self";
    String osType = "linux";
    String platform = "Ubuntu";
    String osName = "Ubuntu  22.04 64 bit";
    String architecture = "x86_64";
    String productCode = "";
    String usage = "none";
    int sizeGb = 40;
    final Instant created;
    final List<String[]> disks = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Set<String> sharedWith = new LinkedHashSet<>();
    String kmsKeyId;
    String copiedFrom;
    String detection;
    boolean failAtEnd;
    final List<String[]> findings = new ArrayList<>();

    FakeImage(String id, String region, String name, Instant created) {
      this.id = id;
      this.region = region;
      this.name = name;
      this.created = created;
    }

    void copyFacts(FakeImage source) {
      osType = source.osType;
      platform = source.platform;
      osName = source.osName;
      architecture = source.architecture;
      productCode = source.productCode;
      sizeGb = source.sizeGb;
      family = source.family;
    }
  }

  /** A snapshot's state in the endpoint. */
  static final class FakeSnapshot {
    final String id;
    final String region;
    final int sizeGb;
    final Instant created;
    String description = "";
    String category = "standard";
    String usage = "none";
    boolean encrypted;
    String kmsKeyId;
    final Map<String, String> tags = new LinkedHashMap<>();

    FakeSnapshot(String id, String region, int sizeGb, Instant created) {
      this.id = id;
      this.region = region;
      this.sizeGb = sizeGb;
      this.created = created;
    }
  }

  /** An instance: only the image it runs matters here. */
  record FakeInstance(String id, String region, String imageId) {}

  /** An asynchronous task, such as an export. */
  static final class FakeTask {
    final String id;
    final String region;
    final String action;
    final String resourceId;
    final Instant created;
    String status = "Processing";
    int polls;
    Instant finished;
    String result = "";

    FakeTask(String id, String region, String action, String resourceId, Instant created) {
      this.id = id;
      this.region = region;
      this.action = action;
      this.resourceId = resourceId;
      this.created = created;
    }
  }
}
