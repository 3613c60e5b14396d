package org.wkcheck.load.scaleout;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;

/**
 * The Gatling Enterprise package ({@code ./mvnw gatling:enterprisePackage}, made in {@code verify}
 * before this runs): it holds every simulation and every class of wkcheck and nothing of Gatling
 * (Enterprise brings its own), and the simulations run from it unchanged with nothing but Gatling
 * beside it, as on an Enterprise load generator: settings from system properties, the token from
 * the environment, the run's files in a folder of the working directory, no results folder read.
 */
public class EnterprisePackageIT {
  private static final Path SIMULATIONS = Path.of("simulations", "org", "wkcheck", "simulations");

  private Path pkg;
  private Set<String> entries;

  @BeforeClass
  public void findThePackage() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      pkg =
          files
              .filter(f -> f.getFileName().toString().endsWith("-shaded.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no package: ./mvnw gatling:enterprisePackage"));
    }
    entries = new HashSet<>();
    try (JarFile jar = new JarFile(pkg.toFile())) {
      jar.stream().map(JarEntry::getName).forEach(entries::add);
    }
  }

  @Test
  public void itHoldsTheSimulationsAndWkcheckAndNoGatling() throws IOException {
    List<String> simulations = new ArrayList<>();
    try (Stream<Path> sources = Files.list(SIMULATIONS)) {
      sources
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("Simulation.java"))
          .forEach(n -> simulations.add("org/wkcheck/simulations/" + n.replace(".java", ".class")));
    }
    assertTrue(simulations.size() >= 6, "the simulations: " + simulations);
    for (String s : simulations) {
      assertTrue(entries.contains(s), s + " is in the package");
    }
    // every class of wkcheck (the harness's own code the simulations run on)
    Path classes = Path.of("target", "classes");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> all = Files.walk(classes)) {
      all.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace(File.separatorChar, '/'))
          .filter(n -> !entries.contains(n))
          .forEach(missing::add);
    }
    assertEquals(missing, List.of(), "wkcheck's classes missing from the package");
    // nothing of Gatling: no class, no jar; nor Gatling's own dependencies
    Set<String> gatling = new TreeSet<>();
    for (String e : entries) {
      String name = e.substring(e.lastIndexOf('/') + 1);
      if (e.startsWith("io/gatling/")
          || (name.endsWith(".jar") && name.startsWith("gatling"))
          || e.startsWith("scala/")
          || e.startsWith("io/netty/")) {
        gatling.add(e);
      }
    }
    assertEquals(gatling, Set.of(), "Gatling in the package");
    try (JarFile jar = new JarFile(pkg.toFile())) {
      assertEquals(
          jar.getManifest().getMainAttributes().getValue("Gatling-Version"),
          System.getProperty("wkcheck.gatlingVersion"),
          "the package names the Gatling it was built for");
    }
  }

  /**
   * A simulation runs from the package with only Gatling (and what Gatling needs) beside it: the
   * jars of this JVM's classpath none of whose files the package holds.
   */
  @Test(timeOut = 180_000)
  public void aSimulationRunsFromThePackageBesideGatlingAlone() throws Exception {
    List<String> classpath = new ArrayList<>(List.of(pkg.toAbsolutePath().toString()));
    List<String> provided = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e)) && !inPackage(Path.of(e))) {
        classpath.add(e);
        provided.add(Path.of(e).getFileName().toString());
      }
    }
    assertTrue(
        provided.stream().anyMatch(n -> n.startsWith("gatling-app")),
        "Gatling beside the package: " + provided);
    assertFalse(
        provided.stream().anyMatch(n -> n.startsWith("HdrHistogram") || n.startsWith("picocli")),
        "wkcheck's own libraries come from the package: " + provided);
    Path work = Files.createTempDirectory("wkcheck-enterprise");
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  // as Gatling's launchers start it
                  "--add-opens=java.base/java.lang=ALL-UNNAMED",
                  // nothing leaves the machine (see GatlingLauncher)
                  "-Dgatling.data.enableAnalytics=false",
                  "-Dgatling.http.warmUpUrl=",
                  "-Dhttps.proxyHost=127.0.0.1",
                  "-Dhttps.proxyPort=9",
                  "-Dhttp.nonProxyHosts=localhost|127.*|[::1]",
                  "-Djava.util.prefs.userRoot=" + work.resolve(".java-prefs"),
                  // the settings as system properties, as Enterprise passes them; no run folder
                  "-Dwkcheck.target=" + server.baseUrl().replace("localhost", "127.0.0.1"),
                  "-Dwkcheck.rate=5",
                  "-Dwkcheck.ramp=0",
                  "-Dwkcheck.duration=3",
                  "-Dwkcheck.slo.p95=5000",
                  "-Dwkcheck.slo.p99=10000",
                  "-cp",
                  String.join(File.pathSeparator, classpath),
                  "io.gatling.app.Gatling",
                  "--simulation",
                  "org.wkcheck.simulations.TaskReadSimulation",
                  "--results-folder",
                  work.resolve("results").toString(),
                  "--no-reports"));
      ProcessBuilder pb =
          new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
      pb.environment().put("WK_TOKEN", SeedWorld.token('A'));
      Path log = work.resolve("gatling.log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      assertTrue(p.waitFor(150, TimeUnit.SECONDS), "the simulation ended");
      String out = Files.readString(log);
      assertEquals(p.exitValue(), 0, out);
      assertTrue(out.contains(": true (actual"), "Gatling judged the assertions: " + out);
      assertFalse(out.contains(": false (actual"), out);
      // the run's own files, in the working directory's folder (wkcheck.runDir's default)
      assertTrue(
          Files.isRegularFile(work.resolve("target/load-run/correctness.json")),
          "correctness.json: " + out);
    }
  }

  /** Whether the package holds this jar's content (its first class or file). */
  private boolean inPackage(Path jarFile) throws IOException {
    try (JarFile jar = new JarFile(jarFile.toFile())) {
      String first = null;
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String n = entry.getName();
        if (entry.isDirectory() || n.startsWith("META-INF/") || n.equals("module-info.class")) {
          continue;
        }
        if (n.endsWith(".class")) {
          return entries.contains(n);
        }
        if (first == null) {
          first = n;
        }
      }
      return first != null && entries.contains(first);
    }
  }
}
