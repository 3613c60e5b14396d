package org.wkcheck.conformance.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.wkcheck.report.OfflineHtml;

/**
 * Renders Allure results into one self-contained HTML file, offline, with the Allure command line
 * (fetched once from Maven Central by the project's Maven Wrapper into {@code target/allure/}).
 *
 * <p>Nothing it writes contacts another host. Allure's generator posts usage to Google Analytics
 * and its page loads Google Tag Manager unless {@code ALLURE_NO_ANALYTICS=true} is in its
 * environment; even then the page keeps an inline {@code gtag('config', ...)} stub, which is
 * removed, as are links to other hosts (none in 2.34.0). The page is then checked with {@link
 * OfflineHtml}: should a later Allure load anything from another host, the render fails and names
 * it, rather than writing a report that phones home.
 */
public final class AllureHtml {
  public static final String VERSION = "2.34.0";

  /** Allure's switch for its analytics (generator and page). */
  static final String NO_ANALYTICS = "ALLURE_NO_ANALYTICS";

  private AllureHtml() {}

  /**
   * @param home the project root (where {@code mvnw} is)
   * @return the HTML file written
   */
  public static Path render(Path home, Path results, Path outDir)
      throws IOException, InterruptedException {
    Path allureHome = home.resolve("target/allure/allure-" + VERSION);
    Path bin = allureHome.resolve("bin/allure");
    if (!Files.isRegularFile(bin)) {
      run(
          home,
          List.of(
              home.resolve("mvnw").toString(),
              "-q",
              "-B",
              "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack",
              "-Dartifact=io.qameta.allure:allure-commandline:" + VERSION + ":zip",
              "-DoutputDirectory=" + home.resolve("target/allure")),
          "fetching the Allure command line");
      bin.toFile().setExecutable(true);
    }
    run(
        home,
        List.of(
            bin.toString(),
            "generate",
            "--single-file",
            "--clean",
            "-o",
            outDir.toString(),
            results.toString()),
        "rendering the Allure report");
    Path html = outDir.resolve("index.html");
    if (!Files.isRegularFile(html)) {
      throw new IOException("Allure wrote no " + html);
    }
    makeOffline(html);
    return html;
  }

  /**
   * Removes the tracker stub and links to other hosts from the page, then checks it; a page that
   * would still contact another host is deleted.
   *
   * @return what was removed
   */
  static List<String> makeOffline(Path html) throws IOException {
    OfflineHtml.Cleaned cleaned = OfflineHtml.clean(Files.readString(html, StandardCharsets.UTF_8));
    if (!cleaned.removed().isEmpty()) {
      Files.writeString(html, cleaned.html(), StandardCharsets.UTF_8);
    }
    List<OfflineHtml.Finding> left = OfflineHtml.scanHtml(cleaned.html(), html.toString());
    if (!left.isEmpty()) {
      Files.delete(html);
      throw new IOException(
          "Allure "
              + VERSION
              + "'s page would contact other hosts, so it was not kept: "
              + left.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    return cleaned.removed();
  }

  private static void run(Path dir, List<String> command, String what)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put(NO_ANALYTICS, "true");
    Process p =
        pb.directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    new File(System.getProperty("java.io.tmpdir"), "wkcheck-allure.log")))
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(what + " took more than 5 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          what
              + " failed (exit "
              + p.exitValue()
              + "); see "
              + System.getProperty("java.io.tmpdir")
              + "/wkcheck-allure.log");
    }
  }
}
