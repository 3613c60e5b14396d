package org.wkcheck.load;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.fixtures.Leftovers;
import org.wkcheck.conformance.http.AllureAttachments;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.http.RateCap;
import org.wkcheck.target.TargetWorld;

/** The clean-up a load run's generator could not do (it died, or a set-up was kept on purpose). */
public final class LoadCleanup {
  private LoadCleanup() {}

  /**
   * Removes what the run in {@code runDir} noted as created and did not remove, at the run's rate
   * cap; returns what is still left.
   */
  public static List<String> leftovers(
      LoadSettings settings,
      String token,
      TargetWorld world,
      Path runDir,
      Consumer<String> progress) {
    Api api =
        new Api(
            settings.target(token, world), AllureAttachments.NONE, new RateCap(settings.maxRps()));
    return Leftovers.remove(api, runDir.resolve(Journal.FILE), progress);
  }
}
