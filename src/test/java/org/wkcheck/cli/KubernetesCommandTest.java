package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.testng.annotations.Test;
import org.wkcheck.load.scaleout.kubernetes.Manifests;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.Subprocess;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ./wkcheck kubernetes}: the load flags are checked as {@code load} checks them (a bad one
 * is exit 2) and reach the pods as given, the command's own options do not, the world travels in
 * the ConfigMap, and no token is in anything it writes or prints.
 */
public class KubernetesCommandTest {
  /** A target the rail calls remote, named by address: nothing resolves it, nothing is sent. */
  private static final String TARGET = "http://192.0.2.10:9000";

  private static Job job(Path dir, String file) throws IOException {
    return Serialization.unmarshal(Files.readString(dir.resolve(file)), Job.class);
  }

  private static CommandRun kubernetes(String... args) {
    List<String> all = new ArrayList<>(List.of("kubernetes"));
    all.addAll(Arrays.asList(args));
    return CommandRun.main(all.toArray(String[]::new));
  }

  /**
   * {@code kubernetes} of task-read on two pods, the manifests to {@code out}, and {@code more}.
   */
  private static CommandRun taskReadOnTwoPods(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("--injectors", "2", "--simulation", "task-read", "--out", out.toString()));
    args.addAll(Arrays.asList(more));
    return kubernetes(args.toArray(String[]::new));
  }

  /** Asserts that nothing was written to {@code out}. */
  private static void assertEmpty(Path out, String message) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(files.count(), 0L, message);
    }
  }

  /**
   * The load flags, in the user's spelling and order, are the pods'; the kubernetes command's own
   * options (here between them, and as {@code --opt=value}) are not.
   */
  @Test
  public void theLoadFlagsReachThePodsAsGiven() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-cli");
    CommandRun r =
        kubernetes(
            "--injectors",
            "4",
            "--simulation",
            "task-read",
            "--image=registry.example/wkcheck:1",
            "--target",
            TARGET,
            "--allow-remote-load",
            "--rate",
            "300",
            "--out=" + out,
            "--max-rps",
            "1000",
            "--timeout=5",
            "--namespace",
            "load",
            "--duration",
            "20",
            "--arrivals",
            "poisson",
            "--run-id",
            "kt1",
            "--secret",
            "wk-admin",
            "--storage-class",
            "nfs");
    assertEquals(r.exit(), 0, r.out() + r.err());
    List<String> load =
        List.of(
            "--simulation",
            "task-read",
            "--target",
            TARGET,
            "--allow-remote-load",
            "--rate",
            "300",
            "--max-rps",
            "1000",
            "--timeout=5",
            "--duration",
            "20",
            "--arrivals",
            "poisson");
    List<String> inject = new ArrayList<>(List.of("/app/wkcheck", "load"));
    inject.addAll(load);
    inject.addAll(List.of("--phase", "inject", "--injectors", "4", "--run-dir", "/results/kt1"));
    Job injectors = job(out, "injectors-job.yaml");
    assertEquals(Manifests.commandLine(injectors), inject);
    assertEquals(injectors.getSpec().getCompletionMode(), "Indexed");
    assertEquals(injectors.getSpec().getCompletions(), Integer.valueOf(4));
    assertEquals(injectors.getSpec().getParallelism(), Integer.valueOf(4));
    assertEquals(injectors.getSpec().getBackoffLimit(), Integer.valueOf(0));
    assertEquals(injectors.getMetadata().getNamespace(), "load");
    assertEquals(
        injectors.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        "registry.example/wkcheck:1");
    List<String> prepare = new ArrayList<>(List.of("/app/wkcheck", "load"));
    prepare.addAll(load);
    prepare.addAll(List.of("--phase", "prepare", "--injectors", "4", "--run-dir", "/results/kt1"));
    assertEquals(Manifests.commandLine(job(out, "prepare-job.yaml")), prepare);
    assertEquals(
        Manifests.commandLine(job(out, "merge-job.yaml")),
        List.of(
            "/app/wkcheck",
            "merge",
            "--target",
            TARGET,
            "--timeout=5",
            "--expect",
            "4",
            "/results/kt1"));
    assertEquals(
        injectors
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .get(0)
            .getValueFrom()
            .getSecretKeyRef()
            .getName(),
        "wk-admin");
    assertTrue(Files.readString(out.resolve("results-volume.yaml")).contains("nfs"));
    assertTrue(r.out().contains("kubectl apply -k " + out), r.out());
  }

  /** An unknown kind of arrivals is bad usage, before anything is written. */
  @Test
  public void anUnknownKindOfArrivalsIsRefused() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-cli").resolve("m");
    CommandRun r = taskReadOnTwoPods(out, "--target", TARGET, "--arrivals", "bursty");
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(r.err().contains("--arrivals is even or poisson"), r.err());
    assertTrue(!Files.exists(out), "nothing written");
  }

  /** Flags from an argument file (@FILE) reach the pods expanded: no pod has that file. */
  @Test
  public void anArgumentFileIsExpandedForThePods() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-cli");
    Path args = Files.createTempFile("wkcheck-args", ".txt");
    List<String> inFile =
        List.of("--simulation", "task-read", "--target", TARGET, "--allow-remote-load");
    Files.writeString(args, String.join("\n", inFile) + "\n");
    CommandRun r =
        kubernetes(
            "--injectors",
            "2",
            "@" + args,
            "--rate",
            "20",
            "--out",
            out.toString(),
            "--run-id",
            "kt4");
    assertEquals(r.exit(), 0, r.out() + r.err());
    List<String> prepare = new ArrayList<>(List.of("/app/wkcheck", "load"));
    prepare.addAll(inFile);
    prepare.addAll(
        List.of(
            "--rate", "20", "--phase", "prepare", "--injectors", "2", "--run-dir", "/results/kt4"));
    assertEquals(Manifests.commandLine(job(out, "prepare-job.yaml")), prepare);
    Files.delete(args);
  }

  /** A world file goes into the ConfigMap; the pods get the path where it is mounted. */
  @Test
  public void theWorldTravelsInTheConfigMap() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-cli");
    Path world = Files.createTempFile("wkcheck-world", ".json");
    Files.writeString(world, "{\"organization\": \"Organization_X\"}\n");
    CommandRun r =
        kubernetes(
            "--injectors",
            "2",
            "--simulation",
            "mixed",
            "--target",
            TARGET,
            "--allow-remote-load",
            "--world",
            world.toString(),
            "--out",
            out.toString(),
            "--run-id",
            "kt2");
    assertEquals(r.exit(), 0, r.out() + r.err());
    List<String> prepare = Manifests.commandLine(job(out, "prepare-job.yaml"));
    assertEquals(prepare.get(prepare.indexOf("--world") + 1), "/etc/wkcheck/world.json");
    List<String> merge = Manifests.commandLine(job(out, "merge-job.yaml"));
    assertEquals(
        merge,
        List.of(
            "/app/wkcheck",
            "merge",
            "--target",
            TARGET,
            "--world",
            "/etc/wkcheck/world.json",
            "--expect",
            "2",
            "/results/kt2"));
    ConfigMap settings =
        Serialization.unmarshal(Files.readString(out.resolve("settings.yaml")), ConfigMap.class);
    assertEquals(settings.getData().get("world.json"), Files.readString(world));
    assertFalse(
        String.join(" ", prepare).contains(world.toString()), "no path of this machine in a pod");
    Files.delete(world);
  }

  /** Bad flags, and what no pod can use, are usage errors (exit 2) and nothing is written. */
  @Test
  public void badFlagsExitTwoAndWriteNothing() throws Exception {
    Path tokenFile = Files.createTempFile("wkcheck-token", ".txt");
    Path baseline = Files.createTempDirectory("wkcheck-baseline");
    String[][] bad = {
      {"--rate", "abc"},
      {"--bogus"},
      {"--simulation", "no-such-simulation"},
      {"--rate", "10", "--users", "5"},
      {"--rate", "600"},
      {"--heap", "1x"},
      {"--timeout", "0"},
      {"--ramp", "-1"},
      {"--injectors", "0"},
      {"--injectors", "1001"},
      {"--run-id", "Upper_Case"},
      {"--namespace", "Not A Namespace"},
      {"--token-file", tokenFile.toString()},
      {"--baseline", baseline.toString()},
      {"--capacity", "100"},
    };
    for (String[] flags : bad) {
      Path out = Files.createTempDirectory("wkcheck-kube-bad");
      List<String> args = new ArrayList<>(List.of("--target", TARGET, "--allow-remote-load"));
      args.addAll(Arrays.asList(flags));
      CommandRun r = taskReadOnTwoPods(out, args.toArray(String[]::new));
      assertEquals(r.exit(), 2, String.join(" ", flags) + ": " + r.out() + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEmpty(out, String.join(" ", flags) + " wrote manifests");
    }
    Files.delete(tokenFile);
  }

  /** The remote-load rail: a remote target without --allow-remote-load is refused, saying why. */
  @Test
  public void aRemoteTargetNeedsAllowRemoteLoad() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-rail");
    CommandRun r = taskReadOnTwoPods(out, "--target", TARGET);
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(r.err().contains("--allow-remote-load"), r.err());
    CommandRun loopback = taskReadOnTwoPods(out, "--target", "http://127.0.0.1:9000");
    assertEquals(loopback.exit(), 2, loopback.err());
    assertTrue(loopback.err().contains("loopback address: in a pod"), loopback.err());
    CommandRun embedded = taskReadOnTwoPods(out);
    assertEquals(embedded.exit(), 2, embedded.err());
    assertTrue(embedded.err().contains("give --target URL"), embedded.err());
    assertEmpty(out, "nothing written");
    CommandRun list = kubernetes("--list");
    assertEquals(list.exit(), 0, list.err());
    assertTrue(list.out().contains("task-read"), list.out());
  }

  /**
   * Each option of kubernetes is its own (not passed to the pods) or one of load's (passed as
   * given): a new option has to be put on one side.
   */
  @Test
  public void everyOptionIsOwnOrLoads() {
    CommandLine cli = new CommandLine(new Main());
    Set<String> loadOptions = new TreeSet<>();
    for (OptionSpec o : cli.getSubcommands().get("load").getCommandSpec().options()) {
      loadOptions.add(o.longestName());
    }
    for (OptionSpec o : cli.getSubcommands().get("kubernetes").getCommandSpec().options()) {
      String name = o.longestName();
      boolean own = KubernetesCommand.OWN.contains(name);
      boolean loads = loadOptions.contains(name);
      assertTrue(own || loads, name + " is neither kubernetes' own nor load's");
      // --out is both: load's report folder, kubernetes' manifests folder; --injectors is both:
      // load's local split, kubernetes' pods; kubernetes keeps them (and names the pods' count)
      assertTrue(
          !own || !loads || name.equals("--out") || name.equals("--injectors"), name + " is both");
    }
    assertTrue(loadOptions.containsAll(KubernetesCommand.MERGE), "merge gets load's flags only");
  }

  /**
   * No token in anything the command writes or prints, whatever the environment holds: run as its
   * own JVM with recognisable tokens in WK_TOKEN and the other roles' variables.
   */
  @Test(timeOut = 120_000)
  public void noTokenInAnyWrittenFile() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-kube-token");
    String token = "wkc-token-canary-5f1e9a";
    ProcessBuilder pb =
        new ProcessBuilder(
            Subprocess.wkcheck(
                "kubernetes",
                "--injectors",
                "4",
                "--simulation",
                "mixed",
                "--target",
                TARGET,
                "--allow-remote-load",
                "--rate",
                "40",
                "--out",
                out.toString(),
                "--run-id",
                "kt3"));
    pb.environment().put("WK_TOKEN", token);
    pb.environment().put("WK_TOKEN_MANAGER", token + "-manager");
    String printed = Subprocess.succeeds(pb, "the command");
    assertFalse(printed.contains(token), "the token was printed");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 8, "the manifests: " + files);
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      assertFalse(text.contains(token), "the token is in " + f);
      assertFalse(text.contains("canary"), "part of the token is in " + f);
    }
  }
}
