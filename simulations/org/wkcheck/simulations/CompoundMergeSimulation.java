package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * {@code compound-merge}: info and download of CompoundTask, CompoundProject and CompoundTaskType
 * annotations built from three finished task annotations of the run (80%; the first request of each
 * is reported as {@code (cold)}, the repeats as {@code (cache)}), and merges of two explorational
 * annotations into a new one (20%).
 */
public class CompoundMergeSimulation extends LoadSimulation {
  @Override
  protected Set<Need> needs() {
    return Set.of(Need.FINISHED_TASKS, Need.MERGE_PAIR);
  }

  @Override
  protected ChainBuilder journey() {
    return randomSwitch()
        .on(percent(80.0).then(journeys.compound()), percent(20.0).then(journeys.merge()));
  }

  @Override
  protected String scenarioName() {
    return "compound-merge";
  }
}
