package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSetup;
import org.wkcheck.load.SimulationKind;

/**
 * What every wkcheck simulation shares: the run's settings from {@code wkcheck.*} system properties
 * (the safety rails are checked before anything is sent), the token from {@code WK_TOKEN}, the open
 * or closed injection profile, the rate cap as a Gatling throttle, the hard time bound, the SLOs as
 * Gatling assertions, and the set-up before and the checks and clean-up after the load. A subclass
 * names what it needs on the target and its journey.
 */
public abstract class LoadSimulation extends Simulation {
  protected final LoadRun run = LoadRun.fromEnvironment();
  protected final Journeys journeys = new Journeys(run);
  private final Set<LoadSetup.Need> needs;

  /**
   * @param kind the simulation: its name (the scenario's in Gatling's report) and what the journey
   *     needs on the target
   * @param journey one virtual user's journey, built from the run's {@link Journeys} only
   */
  protected LoadSimulation(SimulationKind kind, Function<Journeys, ChainBuilder> journey) {
    this.needs = kind.needs();
    LoadSettings s = run.settings();
    // the injectors of a scaled-out run do not fire in lock-step: their arrivals are Poisson, or
    // evenly spaced and offset from each other's
    boolean randomized = run.share() != null && run.share().poisson();
    ScenarioBuilder base = scenario(kind.title());
    if (run.share() != null) {
      base = base.exec(new StartGate(run)); // built last: the injector's wait for the start
    }
    ScenarioBuilder scenario =
        base.exitHereIf(session -> !run.enterJourney())
            .exec(journey.apply(journeys))
            .exec(
                session -> {
                  run.leaveJourney();
                  return session;
                });
    PopulationBuilder population;
    if (s.users() != null) {
      List<ClosedInjectionStep> steps = new ArrayList<>();
      if (s.rampSeconds() > 0) {
        steps.add(rampConcurrentUsers(0).to(s.users()).during(s.rampSeconds()));
      }
      steps.add(constantConcurrentUsers(s.users()).during(s.durationSeconds()));
      population = scenario.injectClosed(steps);
    } else {
      List<OpenInjectionStep> steps = new ArrayList<>();
      double offset = run.share() == null ? 0 : run.share().offsetSeconds(s.rate());
      if (offset > 0) {
        steps.add(nothingFor(Duration.ofNanos(Math.round(offset * 1e9))));
      }
      if (s.rampSeconds() > 0) {
        var ramp = rampUsersPerSec(Math.min(1.0, s.rate())).to(s.rate()).during(s.rampSeconds());
        steps.add(randomized ? ramp.randomized() : ramp);
      }
      var hold = constantUsersPerSec(s.rate()).during(s.durationSeconds());
      steps.add(randomized ? hold.randomized() : hold);
      population = scenario.injectOpen(steps);
    }
    setUp(population)
        .protocols(
            pinned(
                http.baseUrl(s.target())
                    .header("X-Auth-Token", run.token())
                    // a 3xx is the answer (and fails the status check): the token never follows
                    // a redirect to another host, and the loopback rail cannot be walked around
                    .disableFollowRedirect()
                    .disableWarmUp()
                    .shareConnections()
                    .userAgentHeader("wkcheck-load")))
        .throttle(
            reachRps(s.maxRps()).in(Duration.ofSeconds(1)),
            holdFor(Duration.ofSeconds(s.maxSeconds())))
        .maxDuration(Duration.ofSeconds(s.maxSeconds()))
        .assertions(
            global().responseTime().percentile(95.0).lt(s.p95Ms()),
            global().responseTime().percentile(99.0).lt(s.p99Ms()),
            global().failedRequests().percent().lte(s.maxErrorPercent()));
  }

  /**
   * Without {@code --allow-remote-load}, the target's name is pinned to the loopback addresses the
   * rail checked, so a name that resolves elsewhere later cannot take the load off the machine.
   */
  private HttpProtocolBuilder pinned(HttpProtocolBuilder protocol) {
    LoadSettings s = run.settings();
    if (s.allowRemoteLoad()) {
      return protocol;
    }
    String host = java.net.URI.create(s.target()).getHost();
    List<String> addresses = LoadSettings.loopbackAddresses(host);
    return addresses.isEmpty() ? protocol : protocol.hostNameAliases(Map.of(host, addresses));
  }

  @Override
  public void before() {
    System.out.println("wkcheck load: setting up on " + run.settings().target() + " ...");
    run.prepare(needs);
  }

  @Override
  public void after() {
    System.out.println("wkcheck load: checking what the load created, then cleaning up ...");
    long start = System.nanoTime();
    run.finish();
    System.out.printf(
        "wkcheck load: checks and clean-up took %.1f s; %d correctness failures (%s)%n",
        (System.nanoTime() - start) / 1e9,
        run.correctness().failures(),
        run.settings().runDir().resolve("correctness.json"));
  }
}
