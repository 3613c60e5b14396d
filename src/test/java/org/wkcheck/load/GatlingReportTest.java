package org.wkcheck.load;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;
import org.wkcheck.report.OfflineHtml;

/**
 * The copy of Gatling's report is made offline: its links to gatling.io and Highcharts' URLs go,
 * everything relative stays, and what cannot be removed is reported. (LoadSimulationsTest checks
 * the reports of real runs.)
 */
public class GatlingReportTest {
  private static Path report(String index, String js) throws Exception {
    Path dir = Files.createTempDirectory("wkcheck-gatling-report");
    Files.createDirectories(dir.resolve("js"));
    Files.createDirectories(dir.resolve("style"));
    Files.writeString(dir.resolve("index.html"), index);
    Files.writeString(dir.resolve("js/highstock.js"), js);
    Files.writeString(
        dir.resolve("style/style.css"),
        "/* Copyright GatlingCorp (https://gatling.io) */ .logo{background:url(logo.svg)}");
    return dir;
  }

  private static final String HIGHSTOCK =
      "var d={global:{VMLRadialGradientURL:\"http://code.highcharts.com/5.0.3/gfx/vml-radial-gradient.png\"},"
          + "credits:{enabled:!0,href:\"http://www.highcharts.com\"}};"
          + "var ns=\"http://www.w3.org/2000/svg\";";

  /** Links and Highcharts' URLs MUST be removed and the report then found clean. */
  @Test
  public void linksAndChartUrlsAreRemoved() throws Exception {
    Path dir =
        report(
            "<!DOCTYPE html><html><head><link href=\"style/style.css\" rel=\"stylesheet\">"
                + "<script src=\"js/highstock.js\"></script></head><body>"
                + "<a class=\"gatling-logo\" href=\"https://gatling.io\" target=\"blank_\">"
                + "<img src=\"style/logo-light.svg\"></a>"
                + "<a class=\"enterprise\" href=\"https://gatling.io/enterprise/next-step/\">Try</a>"
                + "<a href=\"req_x.html\">request</a></body></html>",
            HIGHSTOCK);
    GatlingReport.Result r = GatlingReport.makeOffline(dir);
    assertTrue(r.clean(), r.remaining().toString());
    assertEquals(r.changed().size(), 4, r.changed().toString());
    String index = Files.readString(dir.resolve("index.html"));
    assertFalse(index.contains("gatling.io"), index);
    assertTrue(index.contains("href=\"req_x.html\""), index);
    assertTrue(index.contains("src=\"style/logo-light.svg\""), index);
    String js = Files.readString(dir.resolve("js/highstock.js"));
    assertTrue(js.contains("credits:{enabled:!0,href:\"\"}"), js);
    assertTrue(js.contains("\"http://www.w3.org/2000/svg\""), js);
    assertEquals(OfflineHtml.scanTree(dir), List.of());
  }

  /** A load from another host MUST be reported, not silently kept. */
  @Test
  public void aLoadFromAnotherHostRemains() throws Exception {
    Path dir =
        report(
            "<html><head><script src=\"https://cdn.example.com/lib.js\"></script></head></html>",
            "fetch('https://example.com/usage')");
    GatlingReport.Result r = GatlingReport.makeOffline(dir);
    assertFalse(r.clean());
    assertEquals(r.remaining().size(), 2, r.remaining().toString());
  }

  /** The statistics table's name column is widened so that whole request names show. */
  @Test
  public void theNameColumnIsWidened() throws Exception {
    Path dir = Files.createTempDirectory("gatling-report");
    Files.createDirectories(dir.resolve("style"));
    Path css = dir.resolve("style").resolve("style.css");
    Files.writeString(
        css,
        ".a { color: red; }\n.statistics-in .col-1 {\n  width: 175px;\n  max-width: 175px;\n}\n");
    assertTrue(GatlingReport.widenNames(dir));
    String widened = Files.readString(css);
    assertTrue(
        widened.contains(
            "width: "
                + GatlingReport.NAME_COLUMN_PX
                + "px;\n  max-width: "
                + GatlingReport.NAME_COLUMN_PX
                + "px;"),
        widened);
    assertTrue(widened.startsWith(".a { color: red; }"), widened);
    assertFalse(GatlingReport.widenNames(dir), "a second time finds Gatling's rule no more");
  }
}
