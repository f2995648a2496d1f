package io.cloudimage.bench.check;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Passes when a GET of the URL answers with an expected status (by default any 2xx or 3xx; the
 * check does not follow redirects) and, when a limit is set, within that latency.
 */
public final class HttpCheck implements Check {
  private final URI uri;
  private final int expectedStatus;
  private final @Nullable Duration maxLatency;

  private HttpCheck(URI uri, int expectedStatus, @Nullable Duration maxLatency) {
    this.uri = uri;
    this.expectedStatus = expectedStatus;
    this.maxLatency = maxLatency;
  }

  /**
   * A check of {@code url}.
   *
   * @param expectedStatus the status required, or 0 for any 2xx or 3xx
   * @param maxLatency the slowest acceptable answer, or null for no limit
   * @throws InvalidInputException when the URL is not an http or https URL
   */
  public static HttpCheck of(String url, int expectedStatus, @Nullable Duration maxLatency) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("'" + url + "' is not a URL: " + e.getMessage(), e);
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new InvalidInputException(
          "'" + url + "' is not an http:// or https:// URL with a host");
    }
    if (expectedStatus != 0 && (expectedStatus < 100 || expectedStatus > 599)) {
      throw new InvalidInputException("expected status must be 100-599, was " + expectedStatus);
    }
    return new HttpCheck(u, expectedStatus, maxLatency);
  }

  @Override
  public CheckResult run(Duration timeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      int status = response.statusCode();
      boolean statusOk =
          expectedStatus == 0 ? status >= 200 && status < 400 : status == expectedStatus;
      Duration limit = maxLatency;
      boolean fast = limit == null || took.compareTo(limit) <= 0;
      String detail =
          "status "
              + status
              + (statusOk
                  ? ""
                  : expectedStatus == 0
                      ? " (expected 2xx or 3xx)"
                      : " (expected " + expectedStatus + ")")
              + ", "
              + took.toMillis()
              + " ms"
              + (fast || limit == null ? "" : " (limit " + limit.toMillis() + " ms)");
      return new CheckResult("http", uri.toString(), statusOk && fast, took, detail);
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult("http", uri.toString(), false, took, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult("http", uri.toString(), false, took, "interrupted");
    }
  }
}
