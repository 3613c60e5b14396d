package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import org.wkcheck.load.SimulationKind;

/**
 * {@code mixed}: a weighted mix: reads (task, task list, the user's tasks, datasets, a project)
 * 55%, POST /tasks 15%, createFromFiles 5%, increments 5%, compound info and downloads 10%, merges
 * 3%, downloads 7%.
 */
public class MixedSimulation extends LoadSimulation {
  public MixedSimulation() {
    super(
        SimulationKind.MIXED,
        j ->
            randomSwitch()
                .on(
                    percent(55.0).then(j.read()),
                    percent(15.0).then(j.createTaskBatch()),
                    percent(5.0).then(j.createFromFiles()),
                    percent(5.0).then(j.increment()),
                    percent(10.0).then(j.compound()),
                    percent(3.0).then(j.merge()),
                    percent(7.0).then(j.download())));
  }
}
