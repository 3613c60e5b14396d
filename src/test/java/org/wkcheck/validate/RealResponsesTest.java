package org.wkcheck.validate;

import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.Reporter;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.testing.CommandRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real webKnossos responses, read from {@code ../shared/real-data/responses} and never copied into
 * the project: of those recorded from servers older than release 23.09 (the servers the document
 * describes; 23.09 renamed the task status and the assignments route) and answering a documented
 * route, {@code ./wkcheck validate} MUST accept at least {@value #MIN_PERCENT} %. The schemas
 * require only what the document names, so a conforming real server is no failure; the few
 * departures left are the real servers' own (a dataset list with resolutions, which the document
 * says is always empty). Skipped where the recordings are not there.
 */
public class RealResponsesTest {
  private static final Path FOLDER = Path.of("..", "shared", "real-data", "responses");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MIN_PERCENT = 96;

  /** The share of pre-23.09 recordings of documented routes that conform MUST be at least 96 %. */
  @Test
  public void preRelease2309ResponsesConform() throws IOException {
    if (!Files.isDirectory(FOLDER)) {
      throw new SkipException("no real responses at " + FOLDER.toAbsolutePath());
    }
    CommandRun r = CommandRun.main("validate", "--format", "json", FOLDER.toString());
    assertTrue(r.exit() == 0 || r.exit() == 1, "validate ran: exit " + r.exit() + " " + r.err());
    int conform = 0;
    List<String> violating = new ArrayList<>();
    for (JsonNode e : JSON.readTree(r.out()).path("exchanges")) {
      String verdict = e.path("verdict").asString();
      if (!verdict.equals("CONFORMS") && !verdict.equals("VIOLATES")) {
        continue;
      }
      Path file = FOLDER.resolve(e.path("source").asString());
      String date = JSON.readTree(file.toFile()).path("source_commit_date").asString("");
      if (date.isEmpty() || date.compareTo("2023-09") >= 0) {
        continue;
      }
      if (verdict.equals("CONFORMS")) {
        conform++;
      } else {
        violating.add(e.path("source").asString() + " " + e.path("violations").path(0));
      }
    }
    int all = conform + violating.size();
    assertTrue(all >= 50, "too few pre-23.09 recordings of documented routes to judge: " + all);
    double percent = 100.0 * conform / all;
    Reporter.log(
        "pre-23.09 real responses accepted: %d / %d (%.1f %%)".formatted(conform, all, percent),
        true);
    assertTrue(
        percent >= MIN_PERCENT,
        "only %d of %d pre-23.09 real responses conform (%.1f %%); violating:%n%s"
            .formatted(conform, all, percent, String.join("\n", violating)));
  }
}
