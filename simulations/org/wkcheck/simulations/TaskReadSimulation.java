package org.wkcheck.simulations;

import org.wkcheck.load.SimulationKind;

/**
 * {@code task-read}: GET /tasks/:id of one task of the run, nothing else: the probe for how many
 * requests per second the harness itself drives (compare with wrk on the same route, {@code
 * src/test/bench/reference-server-wrk.sh}).
 */
public class TaskReadSimulation extends LoadSimulation {
  public TaskReadSimulation() {
    super(SimulationKind.TASK_READ, Journeys::readTask);
  }
}
