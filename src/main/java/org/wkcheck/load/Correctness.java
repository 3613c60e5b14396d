package org.wkcheck.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a load run found wrong beyond speed: each kind of check counts how often it ran and how
 * often it failed, with a few examples. Kinds: {@code task-id-unique}, {@code task-reads-back},
 * {@code task-creation-report}, {@code increments-add-up}, {@code schema} (sampled responses
 * against the contract), {@code merge-result}. Any failure fails the run.
 */
public final class Correctness {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int EXAMPLES = 5;

  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
  private volatile String stoppedEarly;
  private volatile String setupProblem;
  private volatile long samplesSkipped;
  private volatile long journeysDropped;
  private volatile Map<String, long[]> validation = Map.of();

  private static final class Kind {
    final AtomicLong checked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final List<String> examples = new ArrayList<>();
  }

  private Kind kind(String name) {
    return kinds.computeIfAbsent(name, k -> new Kind());
  }

  /** A check of this kind ran and held. */
  public void passed(String kind) {
    kind(kind).checked.incrementAndGet();
  }

  /** A check of this kind ran and failed; the example says what was seen (no tokens in it). */
  public void failed(String kind, String example) {
    Kind k = kind(kind);
    k.checked.incrementAndGet();
    k.failed.incrementAndGet();
    synchronized (k.examples) {
      if (k.examples.size() < EXAMPLES) {
        k.examples.add(example.length() > 500 ? example.substring(0, 500) + "..." : example);
      }
    }
  }

  /** Records a check's outcome. */
  public void check(String kind, boolean held, String exampleIfNot) {
    if (held) {
      passed(kind);
    } else {
      failed(kind, exampleIfNot);
    }
  }

  /** The run stopped itself early, for this reason. */
  public void stoppedEarly(String reason) {
    this.stoppedEarly = reason;
  }

  /** The set-up on the target failed, for this reason; no load was sent. */
  public void setupFailed(String reason) {
    this.setupProblem = reason;
  }

  /** Sampled responses not validated because the validation could not keep up. */
  public void samplesSkipped(long n) {
    this.samplesSkipped = n;
  }

  /** Journeys not started because too many were in flight (the target fell behind). */
  public void journeysDropped(long n) {
    this.journeysDropped = n;
  }

  /**
   * The responses checked against the contract per request name: {@code {responses, validated,
   * violations}}.
   */
  public void validation(Map<String, long[]> counts) {
    this.validation = Map.copyOf(counts);
  }

  /**
   * Puts {@code "validation": {name: {responses, validated, violations}}} into {@code root}, from
   * counts by request name.
   */
  public static void putValidation(ObjectNode root, Map<String, long[]> counts) {
    ObjectNode v = root.putObject("validation");
    for (Map.Entry<String, long[]> e : new TreeMap<>(counts).entrySet()) {
      v.putObject(e.getKey())
          .put("responses", e.getValue()[0])
          .put("validated", e.getValue()[1])
          .put("violations", e.getValue()[2]);
    }
  }

  public long failures() {
    return kinds.values().stream().mapToLong(k -> k.failed.get()).sum();
  }

  /** Writes {@code {"checks": {kind: {checked, failed, examples}}, "stoppedEarly": ...}}. */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode checks = root.putObject("checks");
    for (Map.Entry<String, Kind> e : new TreeMap<>(kinds).entrySet()) {
      ObjectNode k = checks.putObject(e.getKey());
      k.put("checked", e.getValue().checked.get());
      k.put("failed", e.getValue().failed.get());
      var ex = k.putArray("examples");
      synchronized (e.getValue().examples) {
        e.getValue().examples.forEach(ex::add);
      }
    }
    root.put("failures", failures());
    putValidation(root, validation);
    root.put("samplesSkipped", samplesSkipped);
    root.put("journeysDropped", journeysDropped);
    root.put("stoppedEarly", stoppedEarly);
    root.put("setupProblem", setupProblem);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(root));
  }
}
