package org.wkcheck.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body as it is read: counts its bytes and stops with a {@link GuardException} past the bound,
 * and checks the exchange's deadline on every read.
 */
final class BoundedStream extends FilterInputStream {
  private final Limits limits;
  private final boolean decoded;
  private final ExchangeBudget budget;
  private long count;

  BoundedStream(InputStream in, Limits limits, boolean decoded, ExchangeBudget budget) {
    super(in);
    this.limits = limits;
    this.decoded = decoded;
    this.budget = budget;
  }

  @Override
  public int read() throws IOException {
    before();
    int b = guarded(() -> in.read());
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    before();
    int n = guarded(() -> in.read(buf, off, len));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void before() throws IOException {
    if (budget != null) {
      budget.check();
    }
  }

  private void counted(int n) throws GuardException {
    count += n;
    if (count > limits.maxBody()) {
      GuardException e = GuardException.tooLarge(limits, decoded);
      throw budget == null ? e : budget.breach(e);
    }
  }

  private interface Read {
    int run() throws IOException;
  }

  /** A read the watchdog broke off (the socket closed under it) reports the deadline. */
  private int guarded(Read r) throws IOException {
    try {
      return r.run();
    } catch (IOException e) {
      if (budget != null && budget.breach() != null) {
        throw budget.breach();
      }
      throw e;
    }
  }
}
