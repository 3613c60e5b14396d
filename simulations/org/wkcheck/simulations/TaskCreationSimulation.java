package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import org.wkcheck.load.SimulationKind;

/**
 * {@code task-creation}: POST /tasks in batches of {@code wkcheck.batchSize} (70%), POST
 * /tasks/createFromFiles with NML files (20%), and concurrent PATCH
 * /projects/:name/incrementEachTasksInstances on a project of four tasks (10%). Every created id
 * must be new and read back as created; the increments must add up exactly.
 */
public class TaskCreationSimulation extends LoadSimulation {
  public TaskCreationSimulation() {
    super(
        SimulationKind.TASK_CREATION,
        j ->
            randomSwitch()
                .on(
                    percent(70.0).then(j.createTaskBatch()),
                    percent(20.0).then(j.createFromFiles()),
                    percent(10.0).then(j.increment())));
  }
}
