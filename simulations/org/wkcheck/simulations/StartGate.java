package org.wkcheck.simulations;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import org.wkcheck.load.LoadRun;

/**
 * Where an injector of a scaled-out run waits for the agreed start: not an action of the journey
 * (it adds none) but the building of the scenario's first action. Gatling builds the scenarios
 * after the simulation's {@code before()}, its statistics, throttle and injector, and each chain
 * from its end to its start, so the first action is built last, after the HTTP engine: waiting
 * there leaves only Gatling's start of the injection between the agreed instant and the first
 * journey. (A pause cannot do it: Gatling's throttle, the rate cap, switches pauses off.)
 */
final class StartGate implements ActionBuilder {
  private final LoadRun run;

  StartGate(LoadRun run) {
    this.run = run;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        run.awaitStart();
        return next;
      }
    };
  }
}
