package org.wkcheck.load.scaleout.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one scale-out run, and the folder {@code ./wkcheck kubernetes} writes
 * them to. All of them are applied at once ({@code kubectl apply -k DIR}); the pods coordinate
 * through the results volume only:
 *
 * <ul>
 *   <li>the <b>prepare</b> Job (one pod) makes the set-up on the target once and writes {@code
 *       setup.json} into the run folder;
 *   <li>the <b>injectors</b> Job (Indexed: completions = parallelism = N, no retry) runs N pods,
 *       each taking share {@code JOB_COMPLETION_INDEX} of the load once the set-up is there and all
 *       N are ready, writing {@code injectors/<index>/};
 *   <li>the <b>merge</b> Job (one pod) waits for the N injectors, judges the merged data, cleans up
 *       and writes {@code summary.json} and {@code summary.md}.
 * </ul>
 *
 * <p>The token reaches the pods as {@code WK_TOKEN} from a Secret the user creates; no manifest
 * holds it. Every Job is bounded in time ({@code activeDeadlineSeconds}) and never retried: a
 * repeated set-up or a repeated share would falsify the run.
 *
 * @param results the results volume (ReadWriteMany), mounted at {@link #RESULTS} in every pod
 * @param settings what is not the command: the wkcheck JVM's options, the run id, the world file
 * @param reader a pod that mounts the results volume read-only, to copy the results out after the
 *     run (not part of the kustomization: applied by hand when the run is over)
 */
public record Manifests(
    Plan plan,
    PersistentVolumeClaim results,
    ConfigMap settings,
    Job prepare,
    Job injectors,
    Job merge,
    Pod reader) {

  /** Where the results volume is mounted in every pod. */
  public static final String RESULTS = "/results";

  /** The wkcheck command in the image (deploy/kubernetes/wkcheck). */
  public static final String ENTRYPOINT = "/app/wkcheck";

  /** Where the settings' files (the world) are mounted. */
  public static final String CONFIG_DIR = "/etc/wkcheck";

  /** The world file in the pods, when the run has one. */
  public static final String WORLD_PATH = CONFIG_DIR + "/world.json";

  /** The key of the world file in the settings' ConfigMap. */
  public static final String WORLD_KEY = "world.json";

  /** The environment variable and the Secret's key holding the token. */
  public static final String TOKEN_VARIABLE = "WK_TOKEN";

  /** The injector's share: set by Kubernetes in an Indexed Job (and here, explicitly). */
  public static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

  /** The pod annotation holding the completion index of an Indexed Job's pod. */
  public static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

  /** The wkcheck JVM's options in the pods (the Gatling JVM's heap is {@code --heap}). */
  public static final String JAVA_OPTS_VARIABLE = "WKCHECK_JAVA_OPTS";

  /** The run id, for whoever looks at a pod's environment. */
  public static final String RUN_ID_VARIABLE = "WKCHECK_RUN_ID";

  /** The default options of the wkcheck JVM in a pod. */
  public static final String DEFAULT_JAVA_OPTS = "-Xmx512m";

  /** The user and group the pods run as (the image's {@code wkcheck} user). */
  public static final long USER = 10001;

  /**
   * What a Job may spend before its own work: being scheduled, pulling the image, waiting for the
   * set-up and for all injectors to be ready.
   */
  public static final int WAIT_SECONDS = 1800;

  /** Beyond the load: Gatling's grace for journeys in flight and the bound of its JVM. */
  static final int LOAD_GRACE_SECONDS = 30 + 300;

  /** The merge after the last injector: reading, judging, cleaning up. */
  static final int MERGE_SECONDS = 600;

  /** The size of the results volume. */
  public static final String VOLUME_SIZE = "2Gi";

  /** How long the results reader stays up. */
  static final long READER_SECONDS = 3600;

  /** The file each object is written to, in the order they are applied. */
  public static final List<String> FILES =
      List.of(
          "results-volume.yaml",
          "settings.yaml",
          "prepare-job.yaml",
          "injectors-job.yaml",
          "merge-job.yaml");

  /** The results reader's file (outside the kustomization). */
  public static final String READER_FILE = "results-reader.yaml";

  /** The manifests of the plan; {@link IllegalArgumentException} when it has problems. */
  public static Manifests of(Plan plan) {
    List<String> problems = plan.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Manifests(
        plan,
        results(plan),
        settings(plan),
        job(plan, "prepare", prepareArgs(plan), 1, false, WAIT_SECONDS),
        job(plan, "injectors", injectorArgs(plan), plan.injectors(), true, injectorDeadline(plan)),
        job(plan, "merge", mergeArgs(plan), 1, false, mergeDeadline(plan)),
        reader(plan));
  }

  /** The objects {@code kubectl apply -k} creates, in the order of {@link #FILES}. */
  public List<HasMetadata> applied() {
    return List.of(results, settings, prepare, injectors, merge);
  }

  /** A container's security context: no privilege escalation, no capabilities. */
  private static io.fabric8.kubernetes.api.model.SecurityContext restricted() {
    return new io.fabric8.kubernetes.api.model.SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  /**
   * The prepare pod's arguments: {@code load <flags> --phase prepare --injectors N --run-dir DIR}.
   */
  static List<String> prepareArgs(Plan plan) {
    return phaseArgs(plan, "prepare");
  }

  /**
   * An injector pod's arguments: {@code load <flags> --phase inject --injectors N --run-dir DIR}.
   */
  static List<String> injectorArgs(Plan plan) {
    return phaseArgs(plan, "inject");
  }

  private static List<String> phaseArgs(Plan plan, String phase) {
    List<String> a = new ArrayList<>(List.of("load"));
    a.addAll(plan.loadArgs());
    a.addAll(
        List.of(
            "--phase",
            phase,
            "--injectors",
            Integer.toString(plan.injectors()),
            "--run-dir",
            plan.runDir()));
    return a;
  }

  /** The merge pod's arguments: {@code merge <target flags> --expect N DIR}. */
  static List<String> mergeArgs(Plan plan) {
    List<String> a = new ArrayList<>(List.of("merge"));
    a.addAll(plan.mergeArgs());
    a.addAll(List.of("--expect", Integer.toString(plan.injectors()), plan.runDir()));
    return a;
  }

  /** The injectors' bound: the wait, the load, Gatling's grace and its JVM's bound. */
  static long injectorDeadline(Plan plan) {
    return WAIT_SECONDS + (long) plan.loadSeconds() + LOAD_GRACE_SECONDS;
  }

  /** The merge's bound: the injectors' and its own work after them. */
  static long mergeDeadline(Plan plan) {
    return injectorDeadline(plan) + MERGE_SECONDS;
  }

  /** The whole command line of a Job's container: the image's wkcheck and its arguments. */
  public static List<String> commandLine(Job job) {
    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> all = new ArrayList<>(c.getCommand());
    all.addAll(c.getArgs());
    return all;
  }

  private static Map<String, String> labels(Plan plan, String component) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app.kubernetes.io/name", "wkcheck");
    l.put("app.kubernetes.io/instance", plan.runId());
    l.put("app.kubernetes.io/component", component);
    return l;
  }

  private static ObjectMeta meta(Plan plan, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(plan.name(name))
        .withNamespace(plan.namespace())
        .withLabels(labels(plan, component))
        .build();
  }

  private static PersistentVolumeClaim results(Plan plan) {
    return new PersistentVolumeClaimBuilder()
        .withMetadata(meta(plan, "results", "results"))
        .withNewSpec()
        // every pod of the run writes to it, from any node
        .withAccessModes("ReadWriteMany")
        .withStorageClassName(plan.storageClass())
        .withNewResources()
        .addToRequests("storage", new Quantity(VOLUME_SIZE))
        .endResources()
        .endSpec()
        .build();
  }

  private static ConfigMap settings(Plan plan) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(RUN_ID_VARIABLE, plan.runId());
    data.put(JAVA_OPTS_VARIABLE, DEFAULT_JAVA_OPTS);
    if (plan.world() != null) {
      data.put(WORLD_KEY, plan.world());
    }
    return new ConfigMapBuilder()
        .withMetadata(meta(plan, "settings", "settings"))
        .withData(data)
        .build();
  }

  private static Job job(
      Plan plan, String part, List<String> args, int pods, boolean indexed, long deadline) {
    String component = indexed ? "injector" : part;
    List<EnvVar> env = new ArrayList<>(environment(plan));
    if (indexed) {
      env.add(
          new EnvVarBuilder()
              .withName(INDEX_VARIABLE)
              .withNewValueFrom()
              .withNewFieldRef()
              .withFieldPath("metadata.annotations['" + INDEX_ANNOTATION + "']")
              .endFieldRef()
              .endValueFrom()
              .build());
    }
    Container container =
        new ContainerBuilder()
            .withName(component)
            .withImage(plan.image())
            .withImagePullPolicy("IfNotPresent")
            .withCommand(ENTRYPOINT)
            .withArgs(args)
            .withEnv(env)
            .withVolumeMounts(mounts(plan, false))
            .withNewResources()
            .addToRequests("cpu", new Quantity(indexed ? "1" : "250m"))
            .addToRequests("memory", memory(plan, indexed))
            .addToLimits("memory", memory(plan, indexed))
            .endResources()
            .withSecurityContext(restricted())
            .build();
    PodSpecBuilder pod = podSpec(plan, container);
    if (indexed) {
      // one injector per node where the cluster has room: N pods on one node are one injector
      pod.withNewAffinity()
          .withNewPodAntiAffinity()
          .addNewPreferredDuringSchedulingIgnoredDuringExecution()
          .withWeight(100)
          .withNewPodAffinityTerm()
          .withTopologyKey("kubernetes.io/hostname")
          .withNewLabelSelector()
          .withMatchLabels(labels(plan, component))
          .endLabelSelector()
          .endPodAffinityTerm()
          .endPreferredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity()
          .endAffinity();
    }
    JobBuilder job =
        new JobBuilder()
            .withMetadata(meta(plan, part, component))
            .withNewSpec()
            .withCompletions(pods)
            .withParallelism(pods)
            .withBackoffLimit(0)
            .withActiveDeadlineSeconds(deadline)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels(plan, component))
            .endMetadata()
            .withSpec(pod.build())
            .endTemplate()
            .endSpec();
    if (indexed) {
      job.editSpec().withCompletionMode("Indexed").endSpec();
    }
    return job.build();
  }

  /** The pods' environment: the token from the Secret, the settings from the ConfigMap. */
  private static List<EnvVar> environment(Plan plan) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName(TOKEN_VARIABLE)
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName(plan.secret())
            .withKey(TOKEN_VARIABLE)
            .endSecretKeyRef()
            .endValueFrom()
            .build());
    for (String key : List.of(JAVA_OPTS_VARIABLE, RUN_ID_VARIABLE)) {
      env.add(
          new EnvVarBuilder()
              .withName(key)
              .withNewValueFrom()
              .withNewConfigMapKeyRef()
              .withName(plan.name("settings"))
              .withKey(key)
              .endConfigMapKeyRef()
              .endValueFrom()
              .build());
    }
    return env;
  }

  private static List<VolumeMount> mounts(Plan plan, boolean readOnly) {
    List<VolumeMount> m = new ArrayList<>();
    m.add(
        new VolumeMountBuilder()
            .withName("results")
            .withMountPath(RESULTS)
            .withReadOnly(readOnly ? Boolean.TRUE : null)
            .build());
    if (plan.world() != null) {
      m.add(
          new VolumeMountBuilder()
              .withName("settings")
              .withMountPath(CONFIG_DIR)
              .withReadOnly(true)
              .build());
    }
    return m;
  }

  private static List<Volume> volumes(Plan plan) {
    List<Volume> v = new ArrayList<>();
    v.add(
        new VolumeBuilder()
            .withName("results")
            .withNewPersistentVolumeClaim()
            .withClaimName(plan.name("results"))
            .endPersistentVolumeClaim()
            .build());
    if (plan.world() != null) {
      v.add(
          new VolumeBuilder()
              .withName("settings")
              .withNewConfigMap()
              .withName(plan.name("settings"))
              .addNewItem()
              .withKey(WORLD_KEY)
              .withPath(WORLD_KEY)
              .endItem()
              .endConfigMap()
              .build());
    }
    return v;
  }

  /** A pod that runs once, as the image's user, with no access to the Kubernetes API. */
  private static PodSpecBuilder podSpec(Plan plan, Container container) {
    return new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER)
        .withRunAsGroup(USER)
        // the results volume is writable by the pods' group
        .withFsGroup(USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(container)
        .withVolumes(volumes(plan));
  }

  /**
   * An injector holds the Gatling JVM (its heap, and as much direct memory) and the wkcheck JVM;
   * the prepare and merge pods only the latter.
   */
  private static Quantity memory(Plan plan, boolean injector) {
    long mib = 1024L * 1024;
    long bytes = (injector ? 2 * plan.gatlingHeapBytes() : 0) + 1024 * mib;
    return new Quantity(((bytes + mib - 1) / mib) + "Mi");
  }

  private static Pod reader(Plan plan) {
    Container container =
        new ContainerBuilder()
            .withName("reader")
            .withImage(plan.image())
            .withImagePullPolicy("IfNotPresent")
            .withCommand("sleep", Long.toString(READER_SECONDS))
            .withVolumeMounts(mounts(plan, true).get(0))
            .withSecurityContext(restricted())
            .build();
    PodSpec spec =
        podSpec(plan, container)
            .withActiveDeadlineSeconds(READER_SECONDS)
            .withVolumes(volumes(plan).get(0))
            .build();
    return new PodBuilder()
        .withMetadata(meta(plan, "results-reader", "results-reader"))
        .withSpec(spec)
        .build();
  }

  /**
   * Writes the manifests into {@code dir} (created if missing; files of the same names replaced):
   * one YAML file per object, {@code kustomization.yaml}, the results reader and README.txt.
   *
   * @return the files written
   */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    List<HasMetadata> objects = applied();
    for (int i = 0; i < FILES.size(); i++) {
      written.add(yaml(dir.resolve(FILES.get(i)), objects.get(i)));
    }
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    if (plan.namespace() != null) {
      kustomization.put("namespace", plan.namespace());
    }
    kustomization.put("resources", FILES);
    written.add(yaml(dir.resolve("kustomization.yaml"), kustomization));
    written.add(yaml(dir.resolve(READER_FILE), reader));
    Path readme = dir.resolve("README.txt");
    Files.writeString(readme, Instructions.readme(this, dir), StandardCharsets.UTF_8);
    written.add(readme);
    return written;
  }

  private Path yaml(Path file, Object object) throws IOException {
    String header =
        "# written by ./wkcheck kubernetes for run "
            + plan.runId()
            + " (see README.txt beside this file)\n";
    Files.writeString(file, header + Serialization.asYaml(object), StandardCharsets.UTF_8);
    return file;
  }
}
