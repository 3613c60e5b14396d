package org.wkcheck.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A loopback reverse proxy that does what nginx does by default: it reads each answer whole and
 * sends it on with a {@code Content-Length}, never chunked. It adds nothing (no {@code Via}), so
 * the answers carry no sign of it. Requests go on unchanged (method, path and query, headers,
 * body); redirects are passed back, not followed.
 */
public final class BufferingProxy implements AutoCloseable {
  /** Hop-by-hop headers (RFC 9110 §7.6.1), and those the JDK's client and server set themselves. */
  private static final Set<String> HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "content-length",
          "host",
          "expect",
          "date");

  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String upstream;

  /** What changes the bodies, or null for none. */
  private final BiFunction<String, byte[], byte[]> rewrite;

  private BufferingProxy(String upstream, BiFunction<String, byte[], byte[]> rewrite)
      throws IOException {
    this.upstream = upstream.replaceAll("/+$", "");
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  /** A proxy in front of {@code upstream} (a root URL). */
  public static BufferingProxy to(String upstream) throws IOException {
    return new BufferingProxy(upstream, null);
  }

  /**
   * A proxy in front of {@code upstream} that also changes each answer's body: {@code rewrite} gets
   * the request's path and the body, and gives the body to send on (a server of another shape, made
   * from the reference server).
   */
  public static BufferingProxy rewriting(
      String upstream, BiFunction<String, byte[], byte[]> rewrite) throws IOException {
    return new BufferingProxy(upstream, rewrite);
  }

  /** The proxy's root URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI().toString()))
              .timeout(Duration.ofSeconds(60))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                // a body to change is asked for uncompressed
                boolean encoding = rewrite != null && lower.equals("accept-encoding");
                if (!HOP.contains(lower) && !encoding) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                  ex.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      byte[] whole =
          rewrite == null
              ? answer.body()
              : rewrite.apply(ex.getRequestURI().getPath(), answer.body());
      boolean noBody = ex.getRequestMethod().equals("HEAD") || answer.statusCode() == 204;
      // a length, never chunks: the whole answer was read before any of it goes on
      ex.sendResponseHeaders(answer.statusCode(), noBody || whole.length == 0 ? -1 : whole.length);
      if (!noBody && whole.length > 0) {
        ex.getResponseBody().write(whole);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
