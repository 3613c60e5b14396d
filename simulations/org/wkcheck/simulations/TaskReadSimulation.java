package org.wkcheck.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * {@code task-read}: GET /tasks/:id of one task of the run, nothing else: the probe for how many
 * requests per second the harness itself drives (compare with wrk on the same route, {@code
 * src/test/bench/reference-server-wrk.sh}).
 */
public class TaskReadSimulation extends LoadSimulation {
  @Override
  protected Set<Need> needs() {
    return Set.of(Need.TASK_PROJECT);
  }

  @Override
  protected ChainBuilder journey() {
    return journeys.readTask();
  }

  @Override
  protected String scenarioName() {
    return "task-read";
  }
}
