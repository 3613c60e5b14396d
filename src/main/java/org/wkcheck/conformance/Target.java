package org.wkcheck.conformance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server under test and how to talk to it: its root URL, the API prefix ({@code /api} or {@code
 * /api/vN}), the tokens per role, the world the suite may use, the request timeout, and the run id
 * whose prefix marks everything the suite creates. Set once per run; the suite reads it from the
 * TestNG suite.
 */
public record Target(
    String baseUrl,
    Integer apiVersion,
    Map<Role, String> tokens,
    World world,
    Duration timeout,
    String runId,
    boolean embedded) {

  /** The TestNG suite attribute under which the runner hands the target to the tests. */
  public static final String ATTRIBUTE = "wkcheck.target";

  public Target {
    tokens = Map.copyOf(tokens.isEmpty() ? new EnumMap<>(Role.class) : tokens);
  }

  /** {@code /api} or {@code /api/vN}. */
  public String apiPrefix() {
    return apiVersion == null ? "/api" : "/api/v" + apiVersion;
  }

  public Optional<String> token(Role role) {
    return Optional.ofNullable(tokens.get(role));
  }

  /** The prefix of every name the suite gives to what it creates: {@code wkc_<runId>_}. */
  public String namePrefix() {
    return "wkc_" + runId + "_";
  }
}
