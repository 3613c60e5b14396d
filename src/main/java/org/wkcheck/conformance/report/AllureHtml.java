package org.wkcheck.conformance.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders Allure results into one self-contained HTML file, offline, with the Allure command line
 * (fetched once from Maven Central by the project's Maven Wrapper into {@code target/allure/}).
 */
public final class AllureHtml {
  public static final String VERSION = "2.34.0";

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
    return html;
  }

  private static void run(Path dir, List<String> command, String what)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
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
