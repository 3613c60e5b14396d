package org.wkcheck.target;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.wkcheck.http.Limits;
import org.wkcheck.http.Redactor;

/**
 * The server under test and how to talk to it: its root URL, the API prefix ({@code /api} or {@code
 * /api/vN}), the tokens per role, the world the suite may use, what one exchange may cost (its
 * deadline and the bound of an answer's body), and the run id whose prefix marks everything the
 * suite creates. Built only by {@link TargetResolver}; the suite reads it from the TestNG suite.
 */
public record Target(
    String baseUrl,
    Integer apiVersion,
    Map<Role, String> tokens,
    TargetWorld world,
    Limits limits,
    String runId,
    boolean embedded) {

  /** The TestNG suite attribute under which the runner hands the target to the tests. */
  public static final String ATTRIBUTE = "wkcheck.target";

  /** The base URL loses its trailing slashes. */
  public Target {
    baseUrl = baseUrl.replaceAll("/+$", "");
    tokens = Map.copyOf(tokens.isEmpty() ? new EnumMap<>(Role.class) : tokens);
  }

  /** Replaces each of the target's tokens by the name of its variable. */
  public Redactor redactor() {
    Map<String, String> secrets = new java.util.HashMap<>();
    tokens.forEach((role, token) -> secrets.put(token, role.environmentVariable()));
    return new Redactor(secrets);
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
