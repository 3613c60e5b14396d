package org.wkcheck.conformance.http;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.wkcheck.http.Guard;
import org.wkcheck.http.GuardedClient;
import org.wkcheck.http.RateCap;
import org.wkcheck.target.Precondition;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;

/**
 * The shared request set-up of the suite, its fixtures, the clean-up and a load run's set-up:
 * rest-assured aimed at the target's API prefix through the {@link Guard} (a deadline for each
 * whole exchange, bounded answers, no redirects, nothing sent to another origin, an optional rate
 * cap) and the {@link Recorder}. Tests get requests as a role, anonymous, or with a given (wrong)
 * token.
 */
public final class Api {
  private final Target target;
  private final Guard guard;
  private final RestAssuredConfig config;
  private final Recorder recorder;

  /** Requests to the target, recorded but attached to no Allure report, at any rate. */
  public Api(Target target) {
    this(target, AllureAttachments.NONE, null);
  }

  /**
   * @param allure where the exchanges are attached (the conformance run's Allure results)
   * @param cap the rate cap every request of this Api waits for (a load run's), or null
   */
  public Api(Target target, AllureAttachments allure, RateCap cap) {
    this.target = target;
    this.guard = new Guard(target.baseUrl(), target.limits(), cap);
    this.config = guard.restAssured();
    this.recorder = new Recorder(target, guard, allure);
  }

  /**
   * A plain client for set-up in bulk under the same guard (not recorded in the reports), aimed at
   * the API prefix; close it after use.
   */
  public GuardedClient bulk(int connections) {
    return new GuardedClient(guard, target.baseUrl() + target.apiPrefix(), connections);
  }

  public Target target() {
    return target;
  }

  /** A request with no token. */
  public RequestSpecification anonymous() {
    return RestAssured.given()
        .config(config)
        .baseUri(target.baseUrl())
        .basePath(target.apiPrefix())
        .urlEncodingEnabled(true)
        .filter(recorder);
  }

  /** A request as a role; a {@link Precondition} (a skip, with the reason) without its token. */
  public RequestSpecification as(Role role) {
    String token =
        target
            .token(role)
            .orElseThrow(
                () ->
                    new Precondition(
                        "needs the token of " + role.who() + " in " + role.environmentVariable()));
    return anonymous().header(Recorder.TOKEN_HEADER, token);
  }

  public boolean has(Role role) {
    return target.token(role).isPresent();
  }

  /** A request with a token that is not a secret (e.g. a deliberately wrong one). */
  public RequestSpecification withToken(String token) {
    return anonymous().header(Recorder.TOKEN_HEADER, token);
  }
}
