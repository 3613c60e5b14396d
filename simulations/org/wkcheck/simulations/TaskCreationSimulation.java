package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * {@code task-creation}: POST /tasks in batches of {@code wkcheck.batchSize} (70%), POST
 * /tasks/createFromFiles with NML files (20%), and concurrent PATCH
 * /projects/:name/incrementEachTasksInstances on a project of four tasks (10%). Every created id
 * must be new and read back as created; the increments must add up exactly.
 */
public class TaskCreationSimulation extends LoadSimulation {
  @Override
  protected Set<Need> needs() {
    return Set.of(Need.TASK_PROJECT, Need.INCREMENT_PROJECT);
  }

  @Override
  protected ChainBuilder journey() {
    return randomSwitch()
        .on(
            percent(70.0).then(journeys.createTaskBatch()),
            percent(20.0).then(journeys.createFromFiles()),
            percent(10.0).then(journeys.increment()));
  }

  @Override
  protected String scenarioName() {
    return "task-creation";
  }
}
