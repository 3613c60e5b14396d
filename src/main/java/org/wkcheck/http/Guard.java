package org.wkcheck.http;

import io.restassured.config.DecoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.apache.http.Header;
import org.apache.http.HttpConnection;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.entity.DeflateInputStreamFactory;
import org.apache.http.client.entity.GZIPInputStreamFactory;
import org.apache.http.client.entity.InputStreamFactory;
import org.apache.http.client.params.ClientPNames;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.params.CoreConnectionPNames;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;

/**
 * The one HTTP set-up for every request the harness sends to a target (the suite, its fixtures, the
 * clean-up, a load run's set-up and read-back): rest-assured and the plain {@link GuardedClient}
 * both get their Apache HttpClient from here.
 *
 * <ul>
 *   <li>No redirect is followed: a 3xx is the answer, reported as it is with its {@code Location}.
 *       A request to another scheme, host or port than the target's is refused before it is sent,
 *       so a token never leaves its origin.
 *   <li>Every exchange has a deadline for the whole of it ({@link Limits#timeout()}): a watchdog
 *       closes the connection when it passes, so a stalled write, a header or body that drips one
 *       byte a second, or an endless body ends there.
 *   <li>Answers are bounded ({@link Limits#maxBody()}) as they arrive and again after gzip or
 *       deflate decoding (done here, not by rest-assured, so the bound sees the decoded bytes);
 *       header lines and header counts are bounded too.
 *   <li>A target that stalls (several exchanges in a row miss their deadline) is not waited for
 *       again and again: requests fail at once, naming why, with one probe now and then.
 *   <li>With a {@link RateCap}, every request waits for its slot before its clock starts.
 * </ul>
 *
 * An exchange runs inside {@link #open()}; the guard reads its budget from the thread.
 */
@SuppressWarnings("deprecation") // rest-assured is built on HttpClient 4's DefaultHttpClient API
public final class Guard {
  /**
   * After this many exchanges in a row without a complete answer in time, the target counts as
   * stalled: further requests fail at once without being sent, except one probe every {@link
   * #PROBE_EVERY_NANOS}, so a run against a target that drips or hangs ends in bounded time.
   */
  static final int STALLS_TO_TRIP = 3;

  static final long PROBE_EVERY_NANOS = 30_000_000_000L;

  private final URI origin;
  private final Limits limits;
  private final RateCap cap;
  private int stalls;
  private long lastProbe;

  /**
   * @param baseUrl the target's root URL: its scheme, host and port are the only origin allowed
   * @param cap the rate cap every request waits for, or null
   */
  public Guard(String baseUrl, Limits limits, RateCap cap) {
    URI u = URI.create(baseUrl);
    if (u.getScheme() == null || u.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + baseUrl);
    }
    this.origin = u;
    this.limits = limits;
    this.cap = cap;
  }

  /**
   * Starts one exchange on this thread (after waiting for the rate cap, if any): its deadline runs
   * from here. Close it once the answer's body has been read.
   */
  public ExchangeBudget open() {
    if (cap != null) {
      cap.acquire();
    }
    GuardException refused = null;
    synchronized (this) {
      if (stalls >= STALLS_TO_TRIP) {
        long now = System.nanoTime();
        if (now - lastProbe < PROBE_EVERY_NANOS) {
          refused = GuardException.stalled(limits, stalls, PROBE_EVERY_NANOS / 1_000_000_000L);
        } else {
          lastProbe = now;
        }
      }
    }
    return ExchangeBudget.open(limits, refused, this::ended);
  }

  /** Counts exchanges in a row that missed their deadline; any complete answer resets it. */
  private synchronized void ended(ExchangeBudget b) {
    GuardException g = b.breach();
    if (g == null) {
      stalls = 0;
    } else if (g.kind() == GuardException.Kind.DEADLINE) {
      if (++stalls == STALLS_TO_TRIP) {
        lastProbe = System.nanoTime();
      }
    }
  }

  /** rest-assured with this guard's client, no redirects and no decoding of its own. */
  public RestAssuredConfig restAssured() {
    return RestAssuredConfig.config()
        .httpClient(
            HttpClientConfig.httpClientConfig()
                .httpClientFactory(
                    () -> client(new org.apache.http.impl.conn.BasicClientConnectionManager())))
        .redirect(RedirectConfig.redirectConfig().followRedirects(false))
        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
  }

  /** An HttpClient with the guard's interceptors and bounds on the given connection manager. */
  DefaultHttpClient client(ClientConnectionManager connections) {
    DefaultHttpClient c = new DefaultHttpClient(connections);
    HttpParams p = c.getParams();
    int ms = (int) Math.min(Integer.MAX_VALUE, limits.timeout().toMillis());
    p.setIntParameter(CoreConnectionPNames.CONNECTION_TIMEOUT, ms);
    p.setIntParameter(CoreConnectionPNames.SO_TIMEOUT, ms);
    p.setLongParameter(ClientPNames.CONN_MANAGER_TIMEOUT, ms);
    p.setIntParameter(CoreConnectionPNames.MAX_LINE_LENGTH, Limits.MAX_HEADER_LINE);
    p.setIntParameter(CoreConnectionPNames.MAX_HEADER_COUNT, Limits.MAX_HEADER_COUNT);
    p.setBooleanParameter(ClientPNames.HANDLE_REDIRECTS, false);
    p.setParameter(
        ClientPNames.COOKIE_POLICY, org.apache.http.client.params.CookiePolicy.IGNORE_COOKIES);
    c.setRedirectStrategy(new NoRedirects());
    c.setHttpRequestRetryHandler((e, count, ctx) -> false);
    c.addRequestInterceptor(this::beforeSending);
    c.addResponseInterceptor(this::onAnswer);
    return c;
  }

  private void beforeSending(HttpRequest request, HttpContext context) throws IOException {
    HttpHost host = (HttpHost) context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
    if (host != null && !sameOrigin(host)) {
      throw new GuardException(
          GuardException.Kind.OTHER_ORIGIN,
          "refused to send a request to "
              + host.toURI()
              + ": only the target's origin "
              + originText()
              + " is ever contacted");
    }
    if (!request.containsHeader("Accept-Encoding")) {
      request.addHeader("Accept-Encoding", "gzip, deflate");
    }
    ExchangeBudget budget = ExchangeBudget.current();
    if (budget == null) {
      return;
    }
    budget.check();
    Object conn = context.getAttribute(HttpCoreContext.HTTP_CONNECTION);
    if (conn instanceof HttpConnection hc) {
      hc.setSocketTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, budget.remainingMillis())));
      budget.atDeadline(
          () -> {
            try {
              hc.shutdown();
            } catch (IOException e) {
              // closing is all the watchdog can do
            }
          });
    }
  }

  private void onAnswer(HttpResponse response, HttpContext context) throws IOException {
    ExchangeBudget budget = ExchangeBudget.current();
    if (budget != null) {
      budget.check();
    }
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return;
    }
    InputStreamFactory decoder = decoder(entity.getContentEncoding());
    if (entity.getContentLength() > limits.maxBody()) {
      GuardException e = GuardException.tooLarge(limits, false);
      throw budget == null ? e : budget.breach(e);
    }
    if (decoder != null) {
      response.removeHeaders("Content-Length");
      response.removeHeaders("Content-Encoding");
      response.removeHeaders("Content-MD5");
    }
    response.setEntity(new Bounded(entity, decoder, budget));
  }

  /** The decoder of a content coding the guard asked for, or null (identity, or not ours). */
  private static InputStreamFactory decoder(Header encoding) {
    if (encoding == null) {
      return null;
    }
    String e = encoding.getValue().trim().toLowerCase(Locale.ROOT);
    return switch (e) {
      case "gzip", "x-gzip" -> GZIPInputStreamFactory.getInstance();
      case "deflate" -> DeflateInputStreamFactory.getInstance();
      default -> null;
    };
  }

  private boolean sameOrigin(HttpHost host) {
    return host.getSchemeName().equalsIgnoreCase(origin.getScheme())
        && host.getHostName().equalsIgnoreCase(origin.getHost())
        && port(host.getSchemeName(), host.getPort()) == port(origin.getScheme(), origin.getPort());
  }

  private static int port(String scheme, int port) {
    return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private String originText() {
    return origin.getScheme()
        + "://"
        + origin.getHost()
        + (origin.getPort() >= 0 ? ":" + origin.getPort() : "");
  }

  /** An answer's body, bounded as it arrives and (when encoded) again once decoded. */
  private final class Bounded extends HttpEntityWrapper {
    private final InputStreamFactory decoder;
    private final ExchangeBudget budget;

    Bounded(HttpEntity entity, InputStreamFactory decoder, ExchangeBudget budget) {
      super(entity);
      this.decoder = decoder;
      this.budget = budget;
    }

    @Override
    public InputStream getContent() throws IOException {
      InputStream raw = new BoundedStream(wrappedEntity.getContent(), limits, false, budget);
      return decoder == null ? raw : new BoundedStream(decoder.create(raw), limits, true, budget);
    }

    @Override
    public long getContentLength() {
      // never more than the bound: readers may size their buffers by it
      long declared = wrappedEntity.getContentLength();
      return decoder == null && declared <= limits.maxBody() ? declared : -1;
    }

    @Override
    public Header getContentEncoding() {
      return decoder == null ? wrappedEntity.getContentEncoding() : null;
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public void writeTo(java.io.OutputStream out) throws IOException {
      try (InputStream in = getContent()) {
        in.transferTo(out);
      }
    }
  }

  /** Follows nothing: a 3xx is the answer. */
  private static final class NoRedirects implements org.apache.http.client.RedirectStrategy {
    @Override
    public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context) {
      return false;
    }

    @Override
    public org.apache.http.client.methods.HttpUriRequest getRedirect(
        HttpRequest request, HttpResponse response, HttpContext context) {
      throw new IllegalStateException("redirects are never followed");
    }
  }
}
