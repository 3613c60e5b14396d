package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.EnumSet;
import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * {@code mixed}: a weighted mix: reads (task, task list, the user's tasks, datasets, a project)
 * 55%, POST /tasks 15%, createFromFiles 5%, increments 5%, compound info and downloads 10%, merges
 * 3%, downloads 7%.
 */
public class MixedSimulation extends LoadSimulation {
  @Override
  protected Set<Need> needs() {
    return EnumSet.allOf(Need.class);
  }

  @Override
  protected ChainBuilder journey() {
    return randomSwitch()
        .on(
            percent(55.0).then(journeys.read()),
            percent(15.0).then(journeys.createTaskBatch()),
            percent(5.0).then(journeys.createFromFiles()),
            percent(5.0).then(journeys.increment()),
            percent(10.0).then(journeys.compound()),
            percent(3.0).then(journeys.merge()),
            percent(7.0).then(journeys.download()));
  }

  @Override
  protected String scenarioName() {
    return "mixed";
  }
}
