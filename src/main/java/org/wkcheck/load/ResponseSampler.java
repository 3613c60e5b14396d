package org.wkcheck.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.validate.ExchangeValidator;
import org.wkcheck.validate.RecordedExchange;

/**
 * Checks a sample of the responses of a load run against the contract, as {@code ./wkcheck
 * validate} checks recorded traffic: the first response of each request name and then every n-th,
 * JSON against the route's schema for the status, NML (also inside ZIPs) against the NML schema.
 */
public final class ResponseSampler {
  private final int every;
  private final Correctness correctness;
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
  private volatile ExchangeValidator validator;
  // Validation runs off Gatling's event loops, so that a big NML does not delay other responses;
  // when it cannot keep up, samples are skipped (and counted), never queued without bound.
  private final java.util.concurrent.ThreadPoolExecutor pool =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(64),
          r -> {
            Thread t = new Thread(r, "wkcheck-sampler");
            t.setDaemon(true);
            return t;
          },
          new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
  private final AtomicLong skipped = new AtomicLong();

  public ResponseSampler(int every, Correctness correctness) {
    this.every = every;
    this.correctness = correctness;
  }

  /** Loads the contract now, so the first sampled response does not pay for it. */
  public void preload() {
    validator();
  }

  private ExchangeValidator validator() {
    ExchangeValidator v = validator;
    if (v == null) {
      synchronized (this) {
        v = validator;
        if (v == null) {
          v = new ExchangeValidator(Contract.documented());
          validator = v;
        }
      }
    }
    return v;
  }

  /** Whether this response of a request name is one of the sample. */
  public boolean sampled(String name) {
    return seen.computeIfAbsent(name, n -> new AtomicLong()).getAndIncrement() % every == 0;
  }

  /** Bodies above this size are validated once per request name (NML checks take seconds). */
  static final int LARGE = 1 << 20;

  private final java.util.Set<String> largeDone = ConcurrentHashMap.newKeySet();

  /**
   * Validates one response in the background; skipped (and counted) when the queue is full, and for
   * a large body when one of this request name was validated already.
   */
  public void submit(
      String name, String method, String path, int status, String contentType, byte[] body) {
    if (body != null && body.length > LARGE && !largeDone.add(name)) {
      skipped.incrementAndGet();
      return;
    }
    try {
      pool.execute(() -> validate(name, method, path, status, contentType, body));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      skipped.incrementAndGet();
    }
  }

  /** Waits for the validations in the queue; returns how many samples were skipped. */
  public long drain() {
    pool.shutdown();
    try {
      pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return skipped.get();
  }

  /** Validates one response and counts the outcome under {@code schema}. */
  public void validate(
      String name, String method, String path, int status, String contentType, byte[] body) {
    RecordedExchange e =
        new RecordedExchange(
            name, method, path, status, contentType, null, body, null, false, null);
    ExchangeValidator.Result r;
    try {
      r = validator().validate(e);
    } catch (InputRefused refused) { // a ZIP bomb, JSON or XML nested too deep, ...
      correctness.failed("schema", name + " (status " + status + "): " + refused.getMessage());
      return;
    }
    switch (r.verdict()) {
      case CONFORMS -> correctness.passed("schema");
      case VIOLATES ->
          correctness.failed(
              "schema", name + " (status " + status + "): " + r.violations().get(0).toString());
      case NOT_DOCUMENTED ->
          correctness.failed("schema", name + ": " + method + " " + path + " matches no route");
    }
  }
}
