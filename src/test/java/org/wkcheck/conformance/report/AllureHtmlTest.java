package org.wkcheck.conformance.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;
import org.wkcheck.report.OfflineHtml;

/**
 * The Allure HTML report contacts no other host: no analytics, no Tag Manager, no link out; and a
 * page that would is not kept.
 */
public class AllureHtmlTest {
  private static final String STUB =
      "<script>window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
          + "gtag('js', new Date());gtag('config', 'G-FVWC4GKEYS', {'single_file': true});</script>";

  /**
   * {@code conformance --html} of a small run (in a JVM of its own, as {@code ./wkcheck} runs it;
   * the Allure command line is fetched from Maven Central into target/ the first time) MUST write a
   * page that holds the run's results and has no reference to another host and no analytics.
   */
  @Test
  public void theRenderedReportContactsNoOtherHost() throws Exception {
    Path home = Path.of(System.getProperty("user.dir"));
    Path out = Files.createTempDirectory("wkcheck-allure");
    Path log = out.resolve("console.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwkcheck.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                "org.wkcheck.cli.Main",
                "conformance",
                "--only",
                "BuildInfoConformance",
                "--html",
                "--out",
                out.toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "conformance --html took more than 5 minutes");
    String console = Files.readString(log);
    assertEquals(p.exitValue(), 0, console);
    Path html = out.resolve("latest/html/index.html");
    assertTrue(Files.isRegularFile(html), "no HTML report: " + console);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("data/test-cases/"), "the run's results are not in the page");
    assertEquals(OfflineHtml.scanHtml(page, html.toString()), List.of());
    for (String analytics : List.of("googletagmanager", "google-analytics", "gtag(", "G-FVWC")) {
      assertFalse(page.contains(analytics), "the page holds " + analytics);
    }
  }

  /** The stub Allure writes even with analytics off MUST be removed, the page kept. */
  @Test
  public void theAnalyticsStubAndLinksOutAreRemoved() throws IOException {
    Path html =
        page(
            "",
            "<div id=\"content\"></div>"
                + STUB
                + "<a href=\"https://allurereport.org\">Allure</a>");
    List<String> removed = AllureHtml.makeOffline(html);
    assertEquals(removed.size(), 2, removed.toString());
    String page = Files.readString(html);
    assertFalse(page.contains("gtag"), page);
    assertFalse(page.contains("allurereport.org"), page);
    assertTrue(page.contains("<div id=\"content\"></div>"), page);
    assertEquals(OfflineHtml.scanHtml(page, "index.html"), List.of());
  }

  /**
   * A page that would still load something from another host (a later Allure, say) MUST fail the
   * render with the reference named, and MUST NOT be left behind.
   */
  @Test
  public void aPageThatWouldContactAnotherHostIsNotKept() throws IOException {
    Path html = page("<link rel=\"stylesheet\" href=\"https://cdn.example.com/a.css\">", STUB);
    IOException e = expectThrows(IOException.class, () -> AllureHtml.makeOffline(html));
    assertTrue(e.getMessage().contains("https://cdn.example.com/a.css"), e.getMessage());
    assertFalse(Files.exists(html), "the page was kept");
  }

  /** An index.html in a fresh folder with this head and body. */
  private static Path page(String head, String body) throws IOException {
    Path html = Files.createTempDirectory("wkcheck-allure").resolve("index.html");
    Files.writeString(
        html, "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>");
    return html;
  }
}
