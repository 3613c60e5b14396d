package org.wkcheck.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.wkcheck.report.OfflineHtml;

/**
 * Makes the copy of Gatling's HTML report that a run keeps contact no other host. Gatling 3.15's
 * pages link to gatling.io (logo, documentation, Enterprise), and its Highcharts sets a credits
 * link to highcharts.com (drawn in charts that do not switch credits off) and an old-IE gradient
 * image on code.highcharts.com. The links become plain text and those two URLs empty strings; then
 * every page, script and style sheet is checked with {@link OfflineHtml}.
 */
public final class GatlingReport {
  /**
   * What {@link #makeOffline} did.
   *
   * @param changed what was removed or emptied, one line each
   * @param remaining what still refers to another host (nothing, unless a later Gatling adds it)
   */
  public record Result(List<String> changed, List<OfflineHtml.Finding> remaining) {
    public boolean clean() {
      return remaining.isEmpty();
    }
  }

  private GatlingReport() {}

  /** Cleans and checks the report folder (the one holding {@code index.html}) in place. */
  /** Gatling's width of the request-name column of its statistics table (about 25 characters). */
  private static final java.util.regex.Pattern NAME_COLUMN =
      java.util.regex.Pattern.compile(
          "(\\.statistics-in \\.col-1 \\{\\s*width: )175px(;\\s*max-width: )175px;");

  /** Wide enough for the longest request name of the simulations, its (cold)/(cache) included. */
  static final int NAME_COLUMN_PX = 470;

  /**
   * Widens the request-name column of the report's statistics table: at Gatling's 175 px, names
   * such as {@code GET /api/annotations/CompoundTaskType/:id/download (cold)} are cut to {@code GET
   * /api/annotations/Com...} and the simulations' requests cannot be told apart. Returns whether
   * the style sheet held Gatling's rule (a Gatling release that changed it is left as it is).
   */
  public static boolean widenNames(Path reportDir) throws IOException {
    Path css = reportDir.resolve("style").resolve("style.css");
    if (!Files.isRegularFile(css)) {
      return false;
    }
    String style = Files.readString(css, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = NAME_COLUMN.matcher(style);
    if (!m.find()) {
      return false;
    }
    Files.writeString(
        css,
        m.replaceFirst("$1" + NAME_COLUMN_PX + "px$2" + NAME_COLUMN_PX + "px;"),
        StandardCharsets.UTF_8);
    return true;
  }

  public static Result makeOffline(Path reportDir) throws IOException {
    List<String> changed = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> all = Files.walk(reportDir)) {
      files = all.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      String where = reportDir.relativize(f).toString();
      if (name.endsWith(".html")) {
        OfflineHtml.Cleaned c = OfflineHtml.clean(Files.readString(f, StandardCharsets.UTF_8));
        if (!c.removed().isEmpty()) {
          Files.writeString(f, c.html(), StandardCharsets.UTF_8);
          c.removed().forEach(r -> changed.add(where + ": " + r));
        }
      } else if (name.endsWith(".js")) {
        String js = Files.readString(f, StandardCharsets.UTF_8);
        String blanked = OfflineHtml.blankUrlProperties(js);
        if (!blanked.equals(js)) {
          Files.writeString(f, blanked, StandardCharsets.UTF_8);
          List<OfflineHtml.Finding> left = OfflineHtml.scanJs(blanked, where);
          for (OfflineHtml.Finding finding : OfflineHtml.scanJs(js, where)) {
            if (!left.contains(finding)) {
              changed.add(where + ": emptied " + finding.reference());
            }
          }
        }
      }
    }
    return new Result(List.copyOf(changed), OfflineHtml.scanTree(reportDir));
  }

  /** Removes a report folder that could not be made clean. */
  static void delete(Path reportDir) throws IOException {
    try (Stream<Path> all = Files.walk(reportDir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
