package org.wkcheck.hostile;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Small hostile targets on loopback for the harness's own tests: each answers every request the way
 * an attacker's server would (a redirect to another port, a drip, an endless body, a gzip bomb, a
 * huge body or header, an echo of the token), or forwards to a real server and turns some routes
 * hostile. Every request it gets is noted, with the token it carried, so a test can prove what
 * reached it.
 */
public final class HostileServer implements AutoCloseable {
  static {
    // the JDK server otherwise stalls small answers by 40 ms (Nagle; see the stack notes)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * A request that reached the server: method, path and query, its X-Auth-Token (or null), its
   * User-Agent, and when it arrived ({@link System#nanoTime()}).
   */
  public record Seen(String method, String uri, String token, String userAgent, long nanos) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(daemon());
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private HostileServer(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext(
        "/",
        ex -> {
          seen.add(
              new Seen(
                  ex.getRequestMethod(),
                  ex.getRequestURI().toString(),
                  ex.getRequestHeaders().getFirst("X-Auth-Token"),
                  ex.getRequestHeaders().getFirst("User-Agent"),
                  System.nanoTime()));
          try {
            handler.handle(ex);
          } catch (IOException e) {
            // the client hung up on a hostile answer: that is what the client should do
          } finally {
            ex.close();
          }
        });
    server.setExecutor(pool);
    server.start();
  }

  public static HostileServer start(HttpHandler handler) throws IOException {
    return new HostileServer(handler);
  }

  /**
   * A hostile target until killed, for probes by hand (see {@code
   * src/test/bench/hostile-probes.sh}): {@code drip | endless | gzip-bomb BYTES | big-body BYTES |
   * huge-header BYTES | echo-token | redirect URL}. Prints its URL.
   */
  public static void main(String[] args) throws Exception {
    HttpHandler h =
        switch (args[0]) {
          case "drip" -> drip(1000);
          case "endless" -> endless();
          case "gzip-bomb" -> gzipBomb(gzipOfSpaces(Long.parseLong(args[1])));
          case "big-body" -> bigBody(Long.parseLong(args[1]));
          case "huge-header" -> hugeHeader(Integer.parseInt(args[1]));
          case "echo-token" -> echoToken();
          case "redirect" -> redirectTo(args[1]);
          default -> throw new IllegalArgumentException("no such target: " + args[0]);
        };
    HostileServer s = start(h);
    System.out.println(s.url());
    Thread.currentThread().join();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request that reached this server so far. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  // --- hostile answers ------------------------------------------------------------------------

  /** 307 to the same path on another server. */
  public static HttpHandler redirectTo(String otherBase) {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("Location", otherBase + ex.getRequestURI());
      ex.sendResponseHeaders(307, -1);
    };
  }

  /** 200 JSON, then one byte every {@code millis}, forever. */
  public static HttpHandler drip(long millis) {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write('[');
      while (true) {
        out.write(' ');
        out.flush();
        sleep(millis);
      }
    };
  }

  /** 200 JSON, chunked, never ending, as fast as the client reads. */
  public static HttpHandler endless() {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0);
      byte[] block = new byte[64 << 10];
      java.util.Arrays.fill(block, (byte) ' ');
      OutputStream out = ex.getResponseBody();
      out.write('[');
      while (true) {
        out.write(block);
      }
    };
  }

  /** 200 with a body of {@code size} bytes announced in Content-Length, sent as fast as read. */
  public static HttpHandler bigBody(long size) {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, size);
      byte[] block = new byte[64 << 10];
      java.util.Arrays.fill(block, (byte) ' ');
      OutputStream out = ex.getResponseBody();
      for (long sent = 0; sent < size; sent += block.length) {
        out.write(block, 0, (int) Math.min(block.length, size - sent));
      }
    };
  }

  /** 200 JSON, {@code Content-Encoding: gzip}: {@code compressed} (see {@link #gzipOfSpaces}). */
  public static HttpHandler gzipBomb(byte[] compressed) {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
      ex.sendResponseHeaders(200, compressed.length);
      ex.getResponseBody().write(compressed);
    };
  }

  /** 200 JSON with a header line of {@code size} bytes. */
  public static HttpHandler hugeHeader(int size) {
    return ex -> {
      drain(ex);
      ex.getResponseHeaders().set("X-Big", "x".repeat(size));
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    };
  }

  /** 200 JSON that sends the request's token back, in the body and in a header. */
  public static HttpHandler echoToken() {
    return ex -> {
      drain(ex);
      String token = String.valueOf(ex.getRequestHeaders().getFirst("X-Auth-Token"));
      byte[] body =
          ("{\"webknossos\":{\"name\":\"" + token + "\"},\"token\":\"" + token + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("X-Echo", token);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    };
  }

  /**
   * Forwards every request to {@code upstream} (a real server), except those {@code hijack}
   * matches, which {@code hostile} answers.
   */
  public static HttpHandler forwardExcept(
      String upstream, Predicate<HttpExchange> hijack, HttpHandler hostile) {
    HttpClient client = HttpClient.newHttpClient();
    return ex -> {
      if (hijack.test(ex)) {
        hostile.handle(ex);
        return;
      }
      byte[] body = ex.getRequestBody().readAllBytes();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
              .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (var h : ex.getRequestHeaders().entrySet()) {
        String name = h.getKey();
        if (!List.of("host", "content-length", "connection", "expect", "upgrade")
            .contains(name.toLowerCase(java.util.Locale.ROOT))) {
          h.getValue().forEach(v -> b.header(name, v));
        }
      }
      HttpResponse<byte[]> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      Headers out = ex.getResponseHeaders();
      r.headers()
          .map()
          .forEach(
              (k, v) -> {
                if (!List.of("content-length", "transfer-encoding", "connection", ":status")
                    .contains(k.toLowerCase(java.util.Locale.ROOT))) {
                  out.put(k, v);
                }
              });
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        ex.getResponseBody().write(r.body());
      }
    };
  }

  /** A gzip stream that inflates to {@code inflated} spaces (a bomb: about 1000:1). */
  public static byte[] gzipOfSpaces(long inflated) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(bytes, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) ' ');
      for (long n = 0; n < inflated; n += block.length) {
        gz.write(block, 0, (int) Math.min(block.length, inflated - n));
      }
    }
    return bytes.toByteArray();
  }

  private static void drain(HttpExchange ex) throws IOException {
    ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("stopped");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "hostile-server");
      t.setDaemon(true);
      return t;
    };
  }
}
