package org.wkcheck.simulations;

import org.wkcheck.load.SimulationKind;

/**
 * {@code downloads}: NML and ZIP downloads: a skeleton annotation of the run (5 trees of 400
 * nodes), a finished task annotation, and the world's volume annotation (ZIP) when the world names
 * one. The summary reports bytes per second.
 */
public class DownloadsSimulation extends LoadSimulation {
  public DownloadsSimulation() {
    super(SimulationKind.DOWNLOADS, Journeys::download);
  }
}
