package org.wkcheck.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.wkcheck.conformance.fixtures.Archives;
import org.wkcheck.server.world.SeedWorld;

/**
 * ZIP bombs for the upload routes: small archives whose entries inflate to many bytes of zeros.
 * They are made by streaming zeros through a Deflater, so the inflated bytes never exist anywhere,
 * neither in memory nor on disk. {@link #main} fires concurrent bombs at a server (the measurement
 * of {@code src/test/bench/zip-bombs.sh}).
 */
public final class ZipBombs {
  private ZipBombs() {}

  /** A ZIP with {@code entries} entries {@code bomb_<i>.nml}, each inflating to that many zeros. */
  public static byte[] zipOfZeros(int entries, long inflatedBytesPerEntry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      byte[] zeros = new byte[1 << 16];
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry("bomb_" + i + ".nml"));
        for (long left = inflatedBytesPerEntry; left > 0; left -= zeros.length) {
          zip.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /** The multipart body of {@code POST /api/annotations/upload} with one file. */
  public static byte[] uploadBody(String boundary, String fileName, byte[] file) {
    return Archives.uploadBody(boundary, true, "file", fileName, "application/octet-stream", file);
  }

  /** One answer of the server: status, Retry-After (or null) and body. */
  public record Answer(int status, String retryAfter, String body) {}

  /**
   * Posts {@code body} as an upload {@code count} times at once (all requests start together) and
   * returns the answers; a request the server did not answer at all gives status -1.
   */
  public static List<Answer> fire(String baseUrl, String token, byte[] zip, int count)
      throws InterruptedException {
    String boundary = "wkcheckBomb" + System.nanoTime();
    byte[] body = uploadBody(boundary, "bomb.zip", zip);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  HttpRequest req =
                      HttpRequest.newBuilder(URI.create(baseUrl + "/api/annotations/upload"))
                          .header("X-Auth-Token", token)
                          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                          .timeout(Duration.ofSeconds(120))
                          .build();
                  start.await();
                  try {
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    return new Answer(
                        r.statusCode(),
                        r.headers().firstValue("Retry-After").orElse(null),
                        r.body());
                  } catch (IOException e) {
                    return new Answer(-1, null, e.toString());
                  }
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> f : futures) {
        try {
          answers.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          answers.add(new Answer(-1, null, e.getCause().toString()));
        }
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many answers had each status. */
  public static Map<Integer, Integer> statusCounts(List<Answer> answers) {
    Map<Integer, Integer> counts = new TreeMap<>();
    answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
    return counts;
  }

  /**
   * Fires concurrent ZIP bombs at a server and prints the status counts. Arguments: base URL
   * (loopback only), number of bombs (24), MiB each bomb inflates to (1024).
   */
  public static void main(String[] args) throws Exception {
    String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:9000";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    long inflatedMiB = args.length > 2 ? Long.parseLong(args[2]) : 1024;
    String host = URI.create(baseUrl).getHost();
    if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
      System.err.println("ZipBombs: only loopback targets, not " + host);
      System.exit(2);
    }
    byte[] zip = zipOfZeros(1, inflatedMiB << 20);
    System.out.printf(
        "%d concurrent uploads of a %d-byte ZIP inflating to %d MiB%n",
        count, zip.length, inflatedMiB);
    long t0 = System.nanoTime();
    List<Answer> answers = fire(baseUrl, SeedWorld.token('A'), zip, count);
    System.out.printf(
        "statuses %s in %.1f s%n", statusCounts(answers), (System.nanoTime() - t0) / 1e9);
    Map<String, Integer> messages = new TreeMap<>();
    for (Answer a : answers) {
      String m = a.body().length() > 160 ? a.body().substring(0, 160) + "..." : a.body();
      messages.merge(
          a.status() + (a.retryAfter() == null ? "" : " Retry-After " + a.retryAfter()) + " " + m,
          1,
          Integer::sum);
    }
    messages.forEach((m, n) -> System.out.println("  " + n + " x " + m));
  }
}
