package org.wkcheck.load.scaleout.kubernetes;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.testng.annotations.Test;
import org.wkcheck.testing.Subprocess;

/**
 * The image of deploy/kubernetes/ agrees with the manifests (its entrypoint is the command the pods
 * run, its user the one they run as, no token in it), and its entrypoint script runs wkcheck from
 * the layout the Dockerfile copies ({@code wkcheck.jar} and {@code lib/*} beside the script). No
 * image is built here: there is no container daemon, and no base image can be pulled.
 */
public class ImageTest {
  private static final Path DEPLOY = Path.of("deploy", "kubernetes");

  @Test
  public void theDockerfileMatchesTheManifests() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertTrue(
        dockerfile.contains("ENTRYPOINT [\"" + Manifests.ENTRYPOINT + "\"]"),
        "the pods run " + Manifests.ENTRYPOINT);
    assertTrue(dockerfile.contains("COPY wkcheck " + Manifests.ENTRYPOINT), dockerfile);
    assertTrue(dockerfile.contains("USER " + Manifests.USER + ":" + Manifests.USER), dockerfile);
    assertTrue(dockerfile.contains("--uid " + Manifests.USER), dockerfile);
    for (String line : dockerfile.split("\n")) {
      if (line.startsWith("ENV") || line.startsWith("ARG")) {
        assertFalse(line.toUpperCase().contains("TOKEN"), "a token in the image: " + line);
      }
    }
    assertTrue(Files.isExecutable(DEPLOY.resolve("wkcheck")), "the entrypoint is executable");
    assertTrue(Files.isExecutable(DEPLOY.resolve("build-image.sh")));
  }

  /**
   * The entrypoint script, in a folder laid out as the image's /app (the harness as {@code
   * wkcheck.jar}, the libraries in {@code lib/}), runs wkcheck with the arguments it is given and
   * the JVM options of WKCHECK_JAVA_OPTS.
   */
  @Test(timeOut = 120_000)
  public void theEntrypointRunsWkcheckFromTheImageLayout() throws Exception {
    Path app = Files.createTempDirectory("wkcheck-app");
    Files.copy(DEPLOY.resolve("wkcheck"), app.resolve("wkcheck"));
    jar(Path.of("target", "classes"), app.resolve("wkcheck.jar"));
    Path lib = Files.createDirectories(app.resolve("lib"));
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar")
          && Files.isRegularFile(p)
          && !Files.exists(lib.resolve(p.getFileName()))) {
        Files.createSymbolicLink(lib.resolve(p.getFileName()), p.toAbsolutePath());
      }
    }
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", app.resolve("wkcheck").toString(), "kubernetes", "--help");
    pb.environment().put("WKCHECK_JAVA_OPTS", "-Xmx128m -XX:+PrintCommandLineFlags");
    pb.environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    String out = Subprocess.succeeds(pb, "the entrypoint");
    assertTrue(out.contains("Usage: wkcheck kubernetes"), out);
    assertTrue(out.contains("-XX:MaxHeapSize=134217728"), "WKCHECK_JAVA_OPTS applied: " + out);
    try (Stream<Path> all = Files.walk(app)) {
      for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** A jar of a folder of classes and resources. */
  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> all = Files.walk(classes)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }
}
