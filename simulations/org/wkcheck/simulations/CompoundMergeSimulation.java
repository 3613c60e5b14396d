package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import org.wkcheck.load.SimulationKind;

/**
 * {@code compound-merge}: info and download of CompoundTask, CompoundProject and CompoundTaskType
 * annotations built from three finished task annotations of the run (80%; the first request of each
 * is reported as {@code (cold)}, the repeats as {@code (cache)}), and merges of two explorational
 * annotations into a new one (20%).
 */
public class CompoundMergeSimulation extends LoadSimulation {
  public CompoundMergeSimulation() {
    super(
        SimulationKind.COMPOUND_MERGE,
        j -> randomSwitch().on(percent(80.0).then(j.compound()), percent(20.0).then(j.merge())));
  }
}
