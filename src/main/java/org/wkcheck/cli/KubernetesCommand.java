package org.wkcheck.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.scaleout.kubernetes.Manifests;
import org.wkcheck.load.scaleout.kubernetes.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./wkcheck kubernetes}: writes the manifests of a load run from N pods. The load flags are
 * checked exactly as {@code load} checks them and passed to the pods as given.
 */
@Command(
    name = "kubernetes",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the Kubernetes manifests of a load run from N injector pods: a results volume"
          + " (ReadWriteMany), the settings (ConfigMap), a prepare Job that makes the set-up on"
          + " the target once, an Indexed Job of N injectors that each send their share of the"
          + " load, and a merge Job that judges the merged data and cleans up; plus a"
          + " kustomization.yaml and README.txt with the commands (kubectl apply -k DIR).",
      "The flags of load are checked as load checks them and passed to the pods as given; the"
          + " rates, users and --max-rps are totals over all injectors. --target is required and"
          + " must be the address at which the pods reach the server, with --allow-remote-load."
          + " A --world file travels in the ConfigMap; --token-file, --baseline,"
          + " --fail-on-regression, --capacity and --service-time are refused (they name what"
          + " only this machine has).",
      "The token is never written: the pods read WK_TOKEN from the Secret --secret, which you"
          + " create with kubectl (README.txt says how). The image is built from the project"
          + " by deploy/kubernetes/build-image.sh.",
      "Exit: 0 when the manifests were written, 2 on bad usage or a refused target."
    })
final class KubernetesCommand implements Callable<Integer> {

  /** This command's own options: they shape the manifests and are not passed to the pods. */
  static final Set<String> OWN =
      Set.of(
          "--injectors",
          "--out",
          "--image",
          "--namespace",
          "--secret",
          "--storage-class",
          "--run-id");

  /** The flags of load that the merge pod gets too: how to reach the target and what to use. */
  static final Set<String> MERGE =
      Set.of("--target", "--api-version", "--timeout", "--max-body", "--world");

  /** A world file larger than this does not fit a ConfigMap comfortably (its limit is 1 MiB). */
  static final long MAX_WORLD_BYTES = 256 * 1024;

  @Spec CommandSpec spec;

  @Mixin LoadOptions load;

  @Mixin LoadShapeOptions shape;

  @Option(
      names = "--injectors",
      paramLabel = "N",
      description =
          "Injector pods, each sending one share of the load (1 to " + Plan.MAX_INJECTORS + ").")
  Integer injectors;

  @Mixin ArrivalsOption arrivals;

  @Option(names = "--out", paramLabel = "DIR")
  Path out;

  @Option(names = "--image", defaultValue = "wkcheck:latest", paramLabel = "IMAGE")
  String image;

  @Option(names = "--namespace", paramLabel = "NS")
  String namespace;

  @Option(names = "--secret", defaultValue = Plan.DEFAULT_SECRET, paramLabel = "NAME")
  String secret;

  @Option(names = "--storage-class", paramLabel = "CLASS")
  String storageClass;

  @Option(names = "--run-id", paramLabel = "ID")
  String runId;

  @Override
  public Integer call() throws IOException {
    if (load.list) {
      LoadOptions.listSimulations(System.out);
      return 0;
    }
    // the flags of load, checked as load checks them
    load.simulationClass();
    load.target.check();
    load.baseline.read(org.wkcheck.load.baseline.Baseline.Kind.LOAD, load.simulation);
    shape.check();
    arrivals.poisson(); // refuses an unknown kind
    load.world.read();
    // then what the pods cannot have
    refuseWhatThePodsCannotUse();
    if (injectors == null || out == null) {
      throw new Usage("give --injectors N and --out DIR");
    }
    String id =
        runId != null
            ? runId
            : "k" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    LoadSettings settings =
        load.settings(
            load.target.baseUrl(),
            shape.rateOrDefault(),
            shape.users,
            shape.ramp,
            shape.duration,
            Path.of(Manifests.RESULTS, id),
            id);
    List<String> problems = new java.util.ArrayList<>(settings.problems());
    String host = URI.create(settings.target()).getHost();
    if (host != null && !LoadSettings.loopbackAddresses(host).isEmpty()) {
      problems.add(
          "the target "
              + host
              + " is a loopback address: in a pod that is the pod itself; give the address at"
              + " which the pods reach the server");
    }
    String world = worldText();
    Plan plan =
        new Plan(
            id,
            injectors,
            image,
            namespace,
            secret,
            storageClass,
            podArguments(),
            PodArguments.only(spec, podArguments(), MERGE),
            world,
            heapBytes(load.heap),
            settings.loadSeconds(),
            summary(settings));
    problems.addAll(plan.problems());
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("wkcheck kubernetes: " + p));
      return 2;
    }
    Manifests manifests = Manifests.of(plan);
    List<Path> files = manifests.write(out);
    System.out.printf(
        "wkcheck kubernetes: wrote the manifests of run %s (%d injectors) to %s:%n",
        id, injectors, out);
    files.forEach(f -> System.out.println("  " + f.getFileName()));
    System.out.println();
    System.out.print(Files.readString(out.resolve("README.txt")));
    return 0;
  }

  /** Flags that name something on this machine, or the embedded server, which no pod has. */
  private void refuseWhatThePodsCannotUse() {
    if (load.target.target == null) {
      throw new Usage(
          "give --target URL, the address at which the pods reach the server (the embedded"
              + " reference server lives in one wkcheck process; pods cannot share it)");
    }
    if (load.target.tokenFile != null) {
      throw new Usage(
          "--token-file names a file on this machine; the pods read WK_TOKEN from the Secret"
              + " --secret (default "
              + Plan.DEFAULT_SECRET
              + ")");
    }
    if (load.knownCapacity.capacity != null || load.knownCapacity.serviceTimeMillis != null) {
      throw new Usage("--capacity holds the embedded server only; it cannot go with --target");
    }
    if (load.baseline.baseline != null || load.baseline.failOnRegression != null) {
      throw new Usage(
          "--baseline and --fail-on-regression are not available on Kubernetes (the baseline is"
              + " on this machine, the judgement in the merge pod)");
    }
  }

  /** The flags of load as the user gave them, without this command's own, the world in the pod. */
  private List<String> podArguments() {
    List<String> args =
        PodArguments.afterCommand(spec.commandLine().getParseResult().expandedArgs(), spec.name());
    return PodArguments.without(spec, args, OWN, Map.of("--world", Manifests.WORLD_PATH));
  }

  /** The world file's text, for the ConfigMap; null without --world. */
  private String worldText() {
    Path file = load.world.file;
    if (file == null) {
      return null;
    }
    try {
      if (Files.size(file) > MAX_WORLD_BYTES) {
        throw new Usage(
            "--world "
                + file
                + " is larger than "
                + MAX_WORLD_BYTES
                + " bytes (it goes into a ConfigMap)");
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new Usage("cannot read --world " + file + ": " + e.getMessage());
    }
  }

  private String summary(LoadSettings s) {
    return String.format(
        Locale.ROOT,
        "%s against %s%s: %s in total, %d s ramp, %d s hold.",
        load.simulation,
        s.target(),
        s.apiPrefix(),
        s.rate() != null
            ? String.format(Locale.ROOT, "%.1f journeys/s", s.rate())
            : s.users() + " concurrent users",
        s.rampSeconds(),
        s.durationSeconds());
  }

  /** {@code --heap} in bytes (its form is checked by {@link LoadOptions#simulationClass()}). */
  static long heapBytes(String heap) {
    char unit = Character.toLowerCase(heap.charAt(heap.length() - 1));
    long factor =
        switch (unit) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    String digits = Character.isDigit(unit) ? heap : heap.substring(0, heap.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new Usage("--heap " + heap + " is too large");
    }
  }
}
