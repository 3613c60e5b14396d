package org.wkcheck.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.DefaultHttpClient;

/**
 * A plain, thread-safe client under a {@link Guard}, for set-up work in bulk (many uploads, many
 * removals, a load run's read-back) where rest-assured's per-request cost would dominate: the same
 * deadline, body bound, origin rule, no redirects and rate cap as every other request.
 */
@SuppressWarnings("deprecation") // HttpClient 4's pooled manager, as rest-assured uses HttpClient 4
public final class GuardedClient implements AutoCloseable {
  /** An answer: its status, content type and whole (bounded) body. */
  public record Answer(int status, String contentType, byte[] body) {}

  private final Guard guard;
  private final String base;
  private final DefaultHttpClient client;

  /**
   * @param base the URL the paths are appended to (the target's root plus its API prefix)
   * @param connections how many requests may run at once
   */
  public GuardedClient(Guard guard, String base, int connections) {
    this.guard = guard;
    this.base = base.replaceAll("/+$", "");
    org.apache.http.impl.conn.PoolingClientConnectionManager pool =
        new org.apache.http.impl.conn.PoolingClientConnectionManager();
    pool.setMaxTotal(connections);
    pool.setDefaultMaxPerRoute(connections);
    this.client = guard.client(pool);
  }

  public Answer get(String path, Map<String, String> headers) throws IOException {
    return send(new HttpGet(base + path), headers);
  }

  public Answer delete(String path, Map<String, String> headers) throws IOException {
    return send(new HttpDelete(base + path), headers);
  }

  public Answer post(String path, Map<String, String> headers, byte[] body, String contentType)
      throws IOException {
    HttpPost post = new HttpPost(base + path);
    post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
    return send(post, headers);
  }

  private Answer send(HttpRequestBase request, Map<String, String> headers) throws IOException {
    headers.forEach(request::setHeader);
    try (ExchangeBudget budget = guard.open()) {
      if (budget.breach() != null) {
        throw budget.breach(); // not sent: the target stalled
      }
      try {
        HttpResponse r = client.execute(request);
        HttpEntity e = r.getEntity();
        byte[] body;
        if (e == null) {
          body = new byte[0];
        } else {
          try (InputStream in = e.getContent()) {
            body = in.readAllBytes();
          }
        }
        return new Answer(
            r.getStatusLine().getStatusCode(),
            e == null || e.getContentType() == null ? null : e.getContentType().getValue(),
            body);
      } catch (IOException e) {
        request.abort();
        GuardException g = budget.stoppedBy(e);
        throw g != null ? g : e;
      }
    }
  }

  @Override
  public void close() {
    client.getConnectionManager().shutdown();
  }
}
