package org.wkcheck.http;

import java.time.Duration;
import java.util.Locale;

/**
 * What one exchange with a target may cost at most: the time of the whole exchange (connect,
 * request, headers and the complete body) and the size of the answer's body, counted both as it
 * arrives and after decoding gzip or deflate.
 */
public record Limits(Duration timeout, long maxBody) {
  /** The default bound of an answer's body: the biggest download of the seeded world is ~7 MB. */
  public static final long DEFAULT_MAX_BODY = 64L << 20;

  /** The longest header line (and chunk-size line) accepted, and the most header fields. */
  public static final int MAX_HEADER_LINE = 64 << 10;

  public static final int MAX_HEADER_COUNT = 200;

  public Limits {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    if (maxBody <= 0) {
      throw new IllegalArgumentException("the body limit must be positive");
    }
  }

  public static Limits of(Duration timeout) {
    return new Limits(timeout, DEFAULT_MAX_BODY);
  }

  /** {@code 10 s}, {@code 1.5 s}. */
  public String timeoutText() {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
