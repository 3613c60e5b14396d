package org.wkcheck.simulations;

import java.util.Set;
import org.wkcheck.load.LoadSetup.Need;

/**
 * {@code downloads}: NML and ZIP downloads: a skeleton annotation of the run (5 trees of 400
 * nodes), a finished task annotation, and the world's volume annotation (ZIP) when the world names
 * one. The summary reports bytes per second.
 */
public class DownloadsSimulation extends LoadSimulation {
  public DownloadsSimulation() {
    super("downloads", Set.of(Need.SKELETON, Need.FINISHED_TASKS), Journeys::download);
  }
}
