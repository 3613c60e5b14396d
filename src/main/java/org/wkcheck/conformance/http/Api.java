package org.wkcheck.conformance.http;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.testng.SkipException;
import org.wkcheck.conformance.Role;
import org.wkcheck.conformance.Target;

/**
 * The shared request set-up of the suite: rest-assured aimed at the target's API prefix, with the
 * request timeout and the {@link Recorder}. Tests get requests as a role, anonymous, or with a
 * given (wrong) token.
 */
public final class Api {
  private final Target target;
  private final RestAssuredConfig config;
  private final Recorder recorder;

  public Api(Target target, boolean allure) {
    this.target = target;
    int ms = (int) target.timeout().toMillis();
    this.config =
        RestAssuredConfig.config()
            .httpClient(
                HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", ms)
                    .setParam("http.socket.timeout", ms)
                    .setParam("http.connection-manager.timeout", (long) ms));
    this.recorder = new Recorder(target, new AllureAttachments(allure));
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

  /** A request as a role; skips the test, with the reason, when that role's token is not given. */
  public RequestSpecification as(Role role) {
    String token =
        target
            .token(role)
            .orElseThrow(
                () ->
                    new SkipException(
                        "needs the token of a "
                            + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + " user in "
                            + role.environmentVariable()));
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
