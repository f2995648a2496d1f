package io.cloudimage.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A local EC2 endpoint that pages DescribeImages as EC2 does (pages of {@code MaxResults} images,
 * at most 1,000, joined by {@code NextToken}) over a fixed set of images, so the client side of a
 * large listing can be measured without an emulator that renders every image into one response.
 *
 * <p>Each image is a DescribeImages item of the EC2 API reference's shape (id, name, state, owner,
 * dates, architecture, one EBS block device, a tag), numbered. Every page is rendered once, before
 * measuring, into a stub of its own, so serving one costs a body match and a socket write. The
 * in-use scan's calls (DescribeInstances, DescribeLaunchTemplates, DescribeLaunchConfigurations)
 * answer empty; CopyImage answers after a fixed service time, the latency of a real copy call.
 */
final class PagedEc2Stub implements AutoCloseable {
  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private final WireMockServer server;

  PagedEc2Stub(int images, Duration copyServiceTime, int... pageSizes) {
    server =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
    server.start();
    for (int size : pageSizes) {
      for (int from = 0; from < images; from += size) {
        MappingBuilder request =
            action("DescribeImages").withRequestBody(containing("MaxResults=" + size));
        request =
            from == 0
                ? request.withRequestBody(notContaining("NextToken="))
                : request.withRequestBody(matching(".*NextToken=" + from + "(&.*)?"));
        server.stubFor(request.willReturn(ok(page(images, from, size))));
      }
    }
    server.stubFor(
        action("DescribeImages")
            .withRequestBody(containing("ImageId.1="))
            .willReturn(
                ok(
                    ec2(
                        "DescribeImages",
                        "<imagesSet>" + item("ami-0c000000000000001", "copy") + "</imagesSet>"))));
    server.stubFor(
        action("DescribeInstances").willReturn(ok(ec2("DescribeInstances", "<reservationSet/>"))));
    server.stubFor(
        action("DescribeLaunchTemplates")
            .willReturn(ok(ec2("DescribeLaunchTemplates", "<launchTemplates/>"))));
    server.stubFor(
        action("DescribeLaunchConfigurations")
            .willReturn(
                ok(
                    "<DescribeLaunchConfigurationsResponse"
                        + " xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                        + "<DescribeLaunchConfigurationsResult><LaunchConfigurations/>"
                        + "</DescribeLaunchConfigurationsResult><ResponseMetadata><RequestId>r"
                        + "</RequestId></ResponseMetadata></DescribeLaunchConfigurationsResponse>")));
    server.stubFor(
        action("CopyImage")
            .willReturn(
                ok(ec2("CopyImage", "<imageId>ami-0c000000000000001</imageId>"))
                    .withFixedDelay((int) copyServiceTime.toMillis())));
  }

  URI endpoint() {
    return URI.create(server.baseUrl());
  }

  private static MappingBuilder action(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(body);
  }

  private static String page(int images, int from, int size) {
    int to = Math.min(images, from + size);
    StringBuilder b = new StringBuilder(size * 900).append("<imagesSet>");
    for (int i = from; i < to; i++) {
      b.append(item(String.format(Locale.ROOT, "ami-%017x", i + 1), "bench-" + i));
    }
    b.append("</imagesSet>");
    if (to < images) {
      b.append("<nextToken>").append(to).append("</nextToken>");
    }
    return ec2("DescribeImages", b.toString());
  }

  private static String item(String id, String name) {
    String snap = "snap-" + id.substring(4);
    return "<item><imageId>"
        + id
        + "</imageId><imageLocation>123456789012/"
        + name
        + "</imageLocation><imageState>available</imageState><imageOwnerId>123456789012"
        + "</imageOwnerId><creationDate>2026-01-01T00:00:00.000Z</creationDate>"
        + "<isPublic>false</isPublic><architecture>x86_64</architecture><imageType>machine"
        + "</imageType><name>"
        + name
        + "</name><rootDeviceType>ebs</rootDeviceType>"
        + "<rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>"
        + "/dev/xvda</deviceName><ebs><snapshotId>"
        + snap
        + "</snapshotId><volumeSize>8"
        + "</volumeSize><deleteOnTermination>true</deleteOnTermination><volumeType>gp3"
        + "</volumeType><encrypted>false</encrypted></ebs></item></blockDeviceMapping>"
        + "<virtualizationType>hvm</virtualizationType><tagSet><item><key>cloudimage:family"
        + "</key><value>bench</value></item></tagSet><hypervisor>xen</hypervisor>"
        + "<enaSupport>true</enaSupport></item>";
  }

  private static String ec2(String action, String body) {
    return ("<"
        + action
        + "Response xmlns=\""
        + NS
        + "\"><requestId>r</requestId>"
        + body
        + "</"
        + action
        + "Response>");
  }

  @Override
  public void close() {
    server.stop();
  }
}
