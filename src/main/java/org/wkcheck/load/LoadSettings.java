package org.wkcheck.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.wkcheck.http.Limits;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/**
 * The parameters of one load run, with the safety rails that apply to them. {@code ./wkcheck load}
 * builds them from its flags and hands them to the Gatling JVM as system properties ({@code
 * wkcheck.*}); a simulation started directly by Gatling reads the same properties, so the rails
 * hold either way. The token is never a property: it comes from the environment ({@code WK_TOKEN}).
 *
 * @param target the server's root URL
 * @param apiVersion call the routes under /api/vN, or null for /api
 * @param rate open model: journeys started per second (null with the closed model)
 * @param users closed model: concurrent journeys (null with the open model)
 * @param rampSeconds seconds to ramp up to the rate or the concurrency
 * @param durationSeconds seconds the load is held after the ramp
 * @param batchSize tasks per POST /tasks request (and NML files per createFromFiles request)
 * @param maxRps the rate cap: requests per second never exceeded (Gatling throttles to it)
 * @param allowRemoteLoad whether a target that is not loopback may be loaded
 * @param p95Ms SLO: 95th percentile of response time below this
 * @param p99Ms SLO: 99th percentile of response time below this
 * @param maxErrorPercent SLO: at most this share of requests may fail
 * @param stopErrorPercent stop early when the error share stays above this for {@code
 *     stopAfterSeconds}
 * @param stopAfterSeconds how long the error share must stay above the threshold
 * @param sampleEvery validate every n-th response of each request name against the contract
 * @param timeoutSeconds the deadline of each whole exchange (Gatling's request timeout, and the
 *     set-up's, read-back's and clean-up's)
 * @param maxBody the largest answer body accepted, in bytes (after decoding)
 * @param setup how the run gets what it needs on the target: null to make it and remove it after
 *     the run, {@link #KEEP_SETUP} to make it and keep it (its manifest {@link #SETUP_MANIFEST}
 *     written into the run folder, for later runs), or the path of such a manifest to use what an
 *     earlier run made (nothing is made, only what this run creates is removed)
 * @param runDir where the run's files go (statistics, correctness, created objects)
 * @param runId the id whose prefix names everything the run creates
 */
public record LoadSettings(
    String target,
    Integer apiVersion,
    Double rate,
    Integer users,
    int rampSeconds,
    int durationSeconds,
    int batchSize,
    int maxRps,
    boolean allowRemoteLoad,
    int p95Ms,
    int p99Ms,
    double maxErrorPercent,
    double stopErrorPercent,
    int stopAfterSeconds,
    int sampleEvery,
    int timeoutSeconds,
    long maxBody,
    String setup,
    Path runDir,
    String runId) {

  /** {@code setup}: make what the run needs and keep it, with its manifest. */
  public static final String KEEP_SETUP = "keep";

  /** The file in a run folder that says what a kept set-up holds. */
  public static final String SETUP_MANIFEST = "setup.json";

  /** The default rate cap; raising it takes {@code --max-rps}. */
  public static final int DEFAULT_MAX_RPS = 500;

  /**
   * Journeys in flight at most. When a server falls behind an open model, arrivals beyond this are
   * dropped (counted, and failing the run) instead of piling up until the load generator runs out
   * of connections and file descriptors.
   */
  public static final int MAX_IN_FLIGHT = 1000;

  /** No run is held longer than this. */
  public static final int MAX_DURATION_SECONDS = 3600;

  /** The system property prefix. */
  public static final String PREFIX = "wkcheck.";

  /** The environment variable holding the token the simulations use. */
  public static final String TOKEN_VARIABLE = "WK_TOKEN";

  /** Ramp plus hold: how long the injection lasts. */
  public int loadSeconds() {
    return rampSeconds + durationSeconds;
  }

  /**
   * The hard bound of the run: the injection plus a grace period for journeys in flight; Gatling
   * stops the run there at the latest.
   */
  public int maxSeconds() {
    return loadSeconds() + 30;
  }

  /** What one exchange of the run may cost. */
  public Limits limits() {
    return new Limits(java.time.Duration.ofSeconds(timeoutSeconds), maxBody);
  }

  /** The same run with another load model: {@code rate} journeys/s or {@code users} at once. */
  public LoadSettings withModel(Double newRate, Integer newUsers) {
    return with(newRate, newUsers, rampSeconds, durationSeconds, setup, runDir, runId);
  }

  /**
   * One step of a run made of several (a capacity search): open model, ramped up to {@code newRate}
   * over {@code rampSeconds}, then held {@code seconds}, with its own folder and id, and the given
   * set-up (see {@code setup}).
   */
  public LoadSettings forStep(
      double newRate,
      int newRampSeconds,
      int seconds,
      String newSetup,
      Path newRunDir,
      String newRunId) {
    return with(newRate, null, newRampSeconds, seconds, newSetup, newRunDir, newRunId);
  }

  /** The same run on a share of the set-up that a prepare step made (scale-out). */
  public LoadSettings forInjector(Path newRunDir, String newRunId, String setupManifest) {
    return with(rate, users, rampSeconds, durationSeconds, setupManifest, newRunDir, newRunId);
  }

  /** The same run with another rate cap (an injector's part of the total cap). */
  public LoadSettings withCap(int newMaxRps) {
    return with(rate, users, rampSeconds, durationSeconds, newMaxRps, setup, runDir, runId);
  }

  /** These settings with another load, set-up, folder and id; the rails and objectives kept. */
  private LoadSettings with(
      Double newRate,
      Integer newUsers,
      int newRampSeconds,
      int newDurationSeconds,
      String newSetup,
      Path newRunDir,
      String newRunId) {
    return with(
        newRate,
        newUsers,
        newRampSeconds,
        newDurationSeconds,
        maxRps,
        newSetup,
        newRunDir,
        newRunId);
  }

  /** {@link #with} and another rate cap. */
  private LoadSettings with(
      Double newRate,
      Integer newUsers,
      int newRampSeconds,
      int newDurationSeconds,
      int newMaxRps,
      String newSetup,
      Path newRunDir,
      String newRunId) {
    return new LoadSettings(
        target,
        apiVersion,
        newRate,
        newUsers,
        newRampSeconds,
        newDurationSeconds,
        batchSize,
        newMaxRps,
        allowRemoteLoad,
        p95Ms,
        p99Ms,
        maxErrorPercent,
        stopErrorPercent,
        stopAfterSeconds,
        sampleEvery,
        timeoutSeconds,
        maxBody,
        newSetup,
        newRunDir,
        newRunId);
  }

  /** The run's target as the given (admin's) token reaches it. */
  public Target target(String token, TargetWorld world) {
    return TargetResolver.remote(
        target, apiVersion, Map.of(Role.ADMIN, token), world, limits(), runId);
  }

  /** {@code /api} or {@code /api/vN}. */
  public String apiPrefix() {
    return apiVersion == null ? "/api" : "/api/v" + apiVersion;
  }

  /**
   * What is wrong with these settings, or an empty list: the safety rails (loopback unless allowed,
   * the rate cap, bounded time) and plain range checks. Checked before any request is sent.
   */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return List.of("the target " + target + " is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      return List.of("the target must be an http:// or https:// URL with a host, not " + target);
    }
    if (!allowRemoteLoad && !isLoopback(uri.getHost())) {
      p.add(
          "the target "
              + uri.getHost()
              + " is not a loopback address; load against another machine needs"
              + " --allow-remote-load (and the consent of whoever runs that server)");
    }
    if ((rate == null) == (users == null)) {
      p.add("give either a rate (open model) or a number of concurrent users (closed model)");
    }
    if (rate != null && !(rate > 0)) {
      p.add("the rate must be positive");
    }
    if (users != null && users <= 0) {
      p.add("the number of users must be positive");
    }
    if (maxRps <= 0) {
      p.add("the rate cap (--max-rps) must be positive");
    }
    if (rate != null && rate > maxRps) {
      p.add(
          String.format(
              Locale.ROOT,
              "the rate %.1f journeys/s exceeds the rate cap of %d requests/s; raise the cap"
                  + " explicitly with --max-rps",
              rate,
              maxRps));
    }
    if (users != null && users > maxRps) {
      p.add(
          "the "
              + users
              + " concurrent users exceed the rate cap of "
              + maxRps
              + " requests/s; raise the cap explicitly with --max-rps");
    }
    if (rampSeconds < 0) {
      p.add("the ramp must not be negative");
    }
    if (durationSeconds <= 0) {
      p.add("the duration must be positive");
    }
    if (loadSeconds() > MAX_DURATION_SECONDS) {
      p.add("a run is bounded to " + MAX_DURATION_SECONDS + " s (ramp plus duration)");
    }
    if (batchSize < 1 || batchSize > 1000) {
      p.add("the batch size must be between 1 and 1000 (the document's limit per request)");
    }
    if (p95Ms <= 0 || p99Ms <= 0) {
      p.add("the latency objectives must be positive");
    }
    if (maxErrorPercent < 0 || maxErrorPercent > 100) {
      p.add("the error objective must be a percentage");
    }
    if (stopErrorPercent <= 0 || stopErrorPercent > 100) {
      p.add("the early-stop error threshold must be a percentage above 0");
    }
    if (stopAfterSeconds < 1) {
      p.add("the early-stop window must be at least 1 s");
    }
    if (sampleEvery < 1) {
      p.add("the sampling interval must be at least 1");
    }
    if (timeoutSeconds <= 0) {
      p.add("the timeout must be positive");
    }
    if (maxBody <= 0) {
      p.add("the body limit (--max-body) must be positive");
    }
    return p;
  }

  /**
   * The addresses of a host (resolved locally) when every one of them is loopback; empty otherwise.
   * The simulations pin the target's name to these.
   */
  public static List<String> loopbackAddresses(String host) {
    try {
      List<String> out = new ArrayList<>();
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return List.of();
        }
        out.add(a.getHostAddress());
      }
      return out;
    } catch (UnknownHostException e) {
      return List.of();
    }
  }

  /** Whether every address of a host is a loopback address (resolving names locally). */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** These settings as {@code wkcheck.*} system properties for the Gatling JVM. */
  public Map<String, String> toProperties() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("target", target);
    if (apiVersion != null) {
      m.put("apiVersion", apiVersion.toString());
    }
    if (rate != null) {
      m.put("rate", rate.toString());
    }
    if (users != null) {
      m.put("users", users.toString());
    }
    m.put("ramp", Integer.toString(rampSeconds));
    m.put("duration", Integer.toString(durationSeconds));
    m.put("batchSize", Integer.toString(batchSize));
    m.put("maxRps", Integer.toString(maxRps));
    m.put("allowRemoteLoad", Boolean.toString(allowRemoteLoad));
    m.put("slo.p95", Integer.toString(p95Ms));
    m.put("slo.p99", Integer.toString(p99Ms));
    m.put("slo.errors", Double.toString(maxErrorPercent));
    m.put("stop.errors", Double.toString(stopErrorPercent));
    m.put("stop.after", Integer.toString(stopAfterSeconds));
    m.put("sampleEvery", Integer.toString(sampleEvery));
    m.put("timeout", Integer.toString(timeoutSeconds));
    m.put("maxBody", Long.toString(maxBody));
    if (setup != null) {
      m.put("setup", setup);
    }
    m.put("runDir", runDir.toAbsolutePath().toString());
    m.put("runId", runId);
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(PREFIX + k, v));
    return out;
  }

  /**
   * The settings from {@code wkcheck.*} properties (as a simulation started by Gatling sees them),
   * with the defaults of {@code ./wkcheck load} for what is missing.
   *
   * @throws IllegalArgumentException on a value that is not a number
   */
  public static LoadSettings fromProperties(Function<String, String> property) {
    Function<String, String> p = k -> property.apply(PREFIX + k);
    String users = p.apply("users");
    String rate = p.apply("rate");
    String runDir = p.apply("runDir");
    String runId = p.apply("runId");
    return new LoadSettings(
        value(p, "target", "http://127.0.0.1:9000", s -> s.replaceAll("/+$", "")),
        value(p, "apiVersion", null, Integer::valueOf),
        rate == null && users == null
            ? Double.valueOf(10)
            : value(p, "rate", null, Double::valueOf),
        value(p, "users", null, Integer::valueOf),
        value(p, "ramp", 5, Integer::valueOf),
        value(p, "duration", 20, Integer::valueOf),
        value(p, "batchSize", 10, Integer::valueOf),
        value(p, "maxRps", DEFAULT_MAX_RPS, Integer::valueOf),
        value(p, "allowRemoteLoad", false, Boolean::valueOf),
        value(p, "slo.p95", 200, Integer::valueOf),
        value(p, "slo.p99", 500, Integer::valueOf),
        value(p, "slo.errors", 1.0, Double::valueOf),
        value(p, "stop.errors", 50.0, Double::valueOf),
        value(p, "stop.after", 5, Integer::valueOf),
        value(p, "sampleEvery", 1, Integer::valueOf),
        value(p, "timeout", 10, Integer::valueOf),
        value(p, "maxBody", Limits.DEFAULT_MAX_BODY, Long::valueOf),
        value(p, "setup", null, v -> v),
        Path.of(runDir == null ? "target/load-run" : runDir),
        runId == null ? "L" + System.currentTimeMillis() : runId);
  }

  private static <T> T value(
      Function<String, String> p, String key, T dflt, Function<String, T> parse) {
    String v = p.apply(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return parse.apply(v.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(PREFIX + key + "=" + v + " is not a valid value", e);
    }
  }
}
