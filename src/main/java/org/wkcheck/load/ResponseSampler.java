package org.wkcheck.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.validate.ExchangeValidator;
import org.wkcheck.validate.RecordedExchange;

/**
 * Checks the responses of a load run against the contract, as {@code ./wkcheck validate} checks
 * recorded traffic: JSON against the route's schema for the status, NML (also inside ZIPs) against
 * the NML schema. Every response is checked (or the first and every n-th of each request name, when
 * asked) as long as the validator keeps up, off Gatling's event loops; beyond that a random share
 * is: once the queue holds half its budget of bytes, a response is taken with the probability of
 * the room left, and none when it is full. Per request name it counts the responses, those
 * validated and the violations, so the report says how much was seen.
 */
public final class ResponseSampler {
  private final int every;
  private final Correctness correctness;
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  /** Per request name: responses, validated, violations. */
  private final Map<String, java.util.concurrent.atomic.AtomicLongArray> counts =
      new ConcurrentHashMap<>();

  /** The bytes of response bodies the queue may hold. */
  static final long QUEUE_BYTES = 64L << 20;

  private final AtomicLong queued = new AtomicLong();
  private volatile ExchangeValidator validator;
  // Validation runs off Gatling's event loops, so that a big NML does not delay other responses;
  // when it cannot keep up, samples are skipped (and counted), never queued without bound.
  private final java.util.concurrent.ThreadPoolExecutor pool =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(100_000),
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

  /** Whether this response of a request name is one of the sample (counted as a response). */
  public boolean sampled(String name) {
    counts(name).incrementAndGet(0);
    return seen.computeIfAbsent(name, n -> new AtomicLong()).getAndIncrement() % every == 0;
  }

  private java.util.concurrent.atomic.AtomicLongArray counts(String name) {
    return counts.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicLongArray(3));
  }

  /**
   * Per request name: {@code {responses, validated, violations}} so far (after {@link #drain}, of
   * the whole run).
   */
  public Map<String, long[]> counts() {
    Map<String, long[]> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, new long[] {v.get(0), v.get(1), v.get(2)}));
    return out;
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
    long size = body == null ? 0 : body.length;
    long now = queued.get();
    double room = (QUEUE_BYTES - now - size) / (double) (QUEUE_BYTES / 2);
    if (room <= 0
        || room < 1 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= room) {
      skipped.incrementAndGet();
      return;
    }
    queued.addAndGet(size);
    try {
      pool.execute(
          () -> {
            try {
              validate(name, method, path, status, contentType, body);
            } finally {
              queued.addAndGet(-size);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queued.addAndGet(-size);
      skipped.incrementAndGet();
    }
  }

  /** Waits for the validations in the queue; returns how many samples were skipped. */
  public long drain() {
    pool.shutdown();
    Pools.awaitEnd(pool, 60);
    return skipped.get();
  }

  /** Validates one response and counts the outcome under {@code schema}. */
  public void validate(
      String name, String method, String path, int status, String contentType, byte[] body) {
    RecordedExchange e =
        new RecordedExchange(
            name, method, path, status, contentType, null, body, null, false, null);
    ExchangeValidator.Result r;
    java.util.concurrent.atomic.AtomicLongArray c = counts(name);
    c.incrementAndGet(1);
    try {
      r = validator().validate(e);
    } catch (InputRefused refused) { // a ZIP bomb, JSON or XML nested too deep, ...
      c.incrementAndGet(2);
      correctness.failed("schema", name + " (status " + status + "): " + refused.getMessage());
      return;
    }
    switch (r.verdict()) {
      case CONFORMS -> correctness.passed("schema");
      case VIOLATES -> {
        c.incrementAndGet(2);
        correctness.failed(
            "schema", name + " (status " + status + "): " + r.violations().get(0).toString());
      }
      case NOT_DOCUMENTED -> {
        c.incrementAndGet(2);
        correctness.failed("schema", name + ": " + method + " " + path + " matches no route");
      }
    }
  }
}
