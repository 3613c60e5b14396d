package org.wkcheck.load;

import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * The simulations there are: the name on the command line, the Gatling class (under {@code
 * simulations/}) and what its journeys need on the target. A prepare step makes those needs before
 * any injector starts, so they are known here and not only inside the simulation.
 */
public enum SimulationKind {
  TASK_CREATION(
      "task-creation", "TaskCreationSimulation", Need.TASK_PROJECT, Need.INCREMENT_PROJECT),
  COMPOUND_MERGE("compound-merge", "CompoundMergeSimulation", Need.FINISHED_TASKS, Need.MERGE_PAIR),
  DOWNLOADS("downloads", "DownloadsSimulation", Need.SKELETON, Need.FINISHED_TASKS),
  MIXED("mixed", "MixedSimulation", Need.values()),
  TASK_READ("task-read", "TaskReadSimulation", Need.TASK_PROJECT);

  private final String title;
  private final String className;
  private final Set<Need> needs;

  SimulationKind(String title, String simpleClassName, Need... needs) {
    this.title = title;
    this.className = "org.wkcheck.simulations." + simpleClassName;
    this.needs = Set.copyOf(java.util.Arrays.asList(needs));
  }

  /** The name on the command line and in the reports. */
  public String title() {
    return title;
  }

  /** The Gatling simulation class. */
  public String className() {
    return className;
  }

  /** What the journeys need on the target. */
  public Set<Need> needs() {
    return needs;
  }

  /** The simulation of a command-line name, or null. */
  public static SimulationKind named(String name) {
    for (SimulationKind s : values()) {
      if (s.title.equals(name)) {
        return s;
      }
    }
    return null;
  }
}
