package org.wkcheck.load.scaleout.kubernetes;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The manifests of a scale-out run, checked with fabric8's model: the Indexed Job of N injectors,
 * the prepare and merge Jobs, the token from the Secret, the results volume in every pod, the
 * commands of the three pods exactly as the protocol says; the files read back as the same objects,
 * and {@code kubectl kustomize} accepts the folder.
 */
public class ManifestsTest {
  static final List<String> LOAD =
      List.of(
          "--simulation",
          "task-read",
          "--target",
          "http://192.0.2.10:9000",
          "--allow-remote-load",
          "--rate",
          "300",
          "--duration=20");
  static final List<String> MERGE = List.of("--target", "http://192.0.2.10:9000");

  /** A plan of {@code injectors} pods, in namespace {@code ns}, with or without a world. */
  static Plan plan(int injectors, String ns, String world) {
    return new Plan(
        "r1",
        injectors,
        "registry.example/wkcheck:0.1.0",
        ns,
        "wk-secret",
        ns == null ? null : "nfs",
        LOAD,
        MERGE,
        world,
        1L << 30,
        25,
        "task-read against http://192.0.2.10:9000/api: 300 journeys/s in total");
  }

  @Test
  public void theInjectorsAreAnIndexedJobOfNPodsNeverRetried() {
    Manifests m = Manifests.of(plan(4, null, null));
    Job j = m.injectors();
    assertEquals(j.getKind(), "Job");
    assertEquals(j.getApiVersion(), "batch/v1");
    assertEquals(j.getMetadata().getName(), "wkcheck-r1-injectors");
    assertEquals(j.getSpec().getCompletionMode(), "Indexed");
    assertEquals(j.getSpec().getCompletions(), Integer.valueOf(4));
    assertEquals(j.getSpec().getParallelism(), Integer.valueOf(4));
    assertEquals(j.getSpec().getBackoffLimit(), Integer.valueOf(0));
    assertEquals(j.getSpec().getTemplate().getSpec().getRestartPolicy(), "Never");
    EnvVar index = env(j, Manifests.INDEX_VARIABLE).orElseThrow();
    assertEquals(
        index.getValueFrom().getFieldRef().getFieldPath(),
        "metadata.annotations['batch.kubernetes.io/job-completion-index']");
    // bounded in time: the wait, the load (25 s), Gatling's grace and its JVM's bound
    assertEquals(j.getSpec().getActiveDeadlineSeconds(), Long.valueOf(1800 + 25 + 330));
    Container c = container(j);
    assertEquals(c.getResources().getRequests().get("cpu"), new Quantity("1"));
    // the Gatling JVM's heap and direct memory (1 GiB each) and the wkcheck JVM
    assertEquals(c.getResources().getLimits().get("memory"), new Quantity("3072Mi"));
    assertEquals(
        j.getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution()
            .get(0)
            .getPodAffinityTerm()
            .getTopologyKey(),
        "kubernetes.io/hostname");
  }

  @Test
  public void prepareAndMergeAreJobsOfOnePodNeverRetried() {
    Manifests m = Manifests.of(plan(4, null, null));
    for (Job j : List.of(m.prepare(), m.merge())) {
      assertNull(j.getSpec().getCompletionMode(), j.getMetadata().getName());
      assertEquals(j.getSpec().getCompletions(), Integer.valueOf(1));
      assertEquals(j.getSpec().getParallelism(), Integer.valueOf(1));
      assertEquals(j.getSpec().getBackoffLimit(), Integer.valueOf(0));
      assertTrue(env(j, Manifests.INDEX_VARIABLE).isEmpty(), "no index outside the injectors");
    }
    assertTrue(
        m.merge().getSpec().getActiveDeadlineSeconds()
            > m.injectors().getSpec().getActiveDeadlineSeconds(),
        "the merge outlives the injectors");
  }

  /** The commands of the three pods, exactly as the protocol has them. */
  @Test
  public void theCommandsOfThePods() {
    Manifests m = Manifests.of(plan(4, null, null));
    List<String> prepare = new ArrayList<>(List.of("/app/wkcheck", "load"));
    prepare.addAll(LOAD);
    prepare.addAll(List.of("--phase", "prepare", "--injectors", "4", "--run-dir", "/results/r1"));
    assertEquals(Manifests.commandLine(m.prepare()), prepare);
    List<String> inject = new ArrayList<>(List.of("/app/wkcheck", "load"));
    inject.addAll(LOAD);
    inject.addAll(List.of("--phase", "inject", "--injectors", "4", "--run-dir", "/results/r1"));
    assertEquals(Manifests.commandLine(m.injectors()), inject);
    assertEquals(
        Manifests.commandLine(m.merge()),
        List.of(
            "/app/wkcheck",
            "merge",
            "--target",
            "http://192.0.2.10:9000",
            "--expect",
            "4",
            "/results/r1"));
  }

  /** Every pod: the token from the Secret, the settings from the ConfigMap, the results volume. */
  @Test
  public void everyPodHasTheSecretTheSettingsAndTheResultsVolume() {
    Manifests m = Manifests.of(plan(3, null, null));
    assertEquals(m.results().getSpec().getAccessModes(), List.of("ReadWriteMany"));
    assertNull(m.results().getSpec().getStorageClassName(), "the cluster's default class");
    for (Job j : List.of(m.prepare(), m.injectors(), m.merge())) {
      String name = j.getMetadata().getName();
      EnvVar token = env(j, "WK_TOKEN").orElseThrow();
      assertNull(token.getValue(), name + ": the token is never a value");
      assertEquals(token.getValueFrom().getSecretKeyRef().getName(), "wk-secret", name);
      assertEquals(token.getValueFrom().getSecretKeyRef().getKey(), "WK_TOKEN", name);
      for (String key : List.of("WKCHECK_JAVA_OPTS", "WKCHECK_RUN_ID")) {
        EnvVar e = env(j, key).orElseThrow();
        assertEquals(e.getValueFrom().getConfigMapKeyRef().getName(), "wkcheck-r1-settings");
        assertEquals(e.getValueFrom().getConfigMapKeyRef().getKey(), key);
        assertTrue(m.settings().getData().containsKey(key), key);
      }
      VolumeMount mount = container(j).getVolumeMounts().get(0);
      assertEquals(mount.getMountPath(), "/results", name);
      Volume volume = volume(j.getSpec().getTemplate().getSpec(), mount.getName());
      assertEquals(
          volume.getPersistentVolumeClaim().getClaimName(),
          m.results().getMetadata().getName(),
          name);
      PodSpec pod = j.getSpec().getTemplate().getSpec();
      assertEquals(pod.getSecurityContext().getRunAsNonRoot(), Boolean.TRUE, name);
      assertEquals(pod.getSecurityContext().getFsGroup(), Long.valueOf(10001), name);
      assertEquals(pod.getAutomountServiceAccountToken(), Boolean.FALSE, name);
      assertEquals(container(j).getImage(), "registry.example/wkcheck:0.1.0");
      assertEquals(
          j.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/instance"),
          "r1");
    }
    Pod reader = m.reader();
    VolumeMount mount = reader.getSpec().getContainers().get(0).getVolumeMounts().get(0);
    assertEquals(mount.getMountPath(), "/results");
    assertEquals(mount.getReadOnly(), Boolean.TRUE, "the reader only reads");
    assertTrue(
        reader.getSpec().getContainers().get(0).getEnv().isEmpty(), "the reader has no token");
  }

  @Test
  public void aWorldIsMountedFromTheConfigMapAndANamespaceIsEverywhere() {
    Manifests m = Manifests.of(plan(2, "load", "{\"organization\": \"Org\"}\n"));
    assertEquals(m.settings().getData().get("world.json"), "{\"organization\": \"Org\"}\n");
    assertEquals(m.results().getSpec().getStorageClassName(), "nfs");
    for (HasMetadata o :
        List.of(m.results(), m.settings(), m.prepare(), m.injectors(), m.merge(), m.reader())) {
      assertEquals(o.getMetadata().getNamespace(), "load", o.getMetadata().getName());
    }
    for (Job j : List.of(m.prepare(), m.injectors(), m.merge())) {
      VolumeMount world =
          container(j).getVolumeMounts().stream()
              .filter(v -> v.getMountPath().equals("/etc/wkcheck"))
              .findFirst()
              .orElseThrow();
      Volume v = volume(j.getSpec().getTemplate().getSpec(), world.getName());
      assertEquals(v.getConfigMap().getName(), "wkcheck-r1-settings");
      assertEquals(v.getConfigMap().getItems().get(0).getKey(), "world.json");
      assertEquals(v.getConfigMap().getItems().get(0).getPath(), "world.json");
    }
  }

  @Test
  public void namesKubernetesWouldRefuseAreProblems() {
    Plan ok = plan(2, null, null);
    assertTrue(ok.problems().isEmpty(), ok.problems().toString());
    assertFalse(with(ok, "Upper", 2, "x").problems().isEmpty(), "upper-case run id");
    assertFalse(with(ok, "a".repeat(41), 2, "x").problems().isEmpty(), "run id too long");
    assertFalse(with(ok, "-a", 2, "x").problems().isEmpty(), "run id starting with '-'");
    assertFalse(with(ok, "r1", 0, "x").problems().isEmpty(), "no injector");
    assertFalse(with(ok, "r1", 1001, "x").problems().isEmpty(), "too many injectors");
    assertFalse(with(ok, "r1", 2, "Bad_Secret").problems().isEmpty(), "secret name");
    try {
      Manifests.of(with(ok, "r1", 0, "x"));
      throw new AssertionError("a plan with problems must not make manifests");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("injectors"), expected.getMessage());
    }
  }

  private static Plan with(Plan p, String runId, int injectors, String secret) {
    return new Plan(
        runId,
        injectors,
        p.image(),
        p.namespace(),
        secret,
        p.storageClass(),
        p.loadArgs(),
        p.mergeArgs(),
        p.world(),
        p.gatlingHeapBytes(),
        p.loadSeconds(),
        p.summary());
  }

  /** The files read back are the very objects, and the kustomization lists exactly them. */
  @Test
  public void theWrittenFilesReadBackAsTheSameObjects() throws IOException {
    Manifests m = Manifests.of(plan(4, "load", "{}"));
    Path dir = Files.createTempDirectory("wkcheck-manifests");
    m.write(dir);
    List<HasMetadata> objects = m.applied();
    for (int i = 0; i < Manifests.FILES.size(); i++) {
      HasMetadata expected = objects.get(i);
      HasMetadata read =
          Serialization.unmarshal(
              Files.readString(dir.resolve(Manifests.FILES.get(i))), expected.getClass());
      assertEquals(read, expected, Manifests.FILES.get(i));
    }
    assertEquals(
        Serialization.unmarshal(Files.readString(dir.resolve("results-reader.yaml")), Pod.class),
        m.reader());
    @SuppressWarnings("unchecked")
    Map<String, Object> kustomization =
        Serialization.unmarshal(Files.readString(dir.resolve("kustomization.yaml")), Map.class);
    assertEquals(kustomization.get("kind"), "Kustomization");
    assertEquals(kustomization.get("namespace"), "load");
    assertEquals(kustomization.get("resources"), Manifests.FILES);
    String readme = Files.readString(dir.resolve("README.txt"));
    for (String step :
        List.of(
            "kubectl -n load create secret generic wk-secret --from-file=WK_TOKEN=FILE",
            "kubectl apply -k " + dir,
            "kubectl -n load wait --for=condition=complete",
            "job/wkcheck-r1-merge",
            "kubectl -n load cp wkcheck-r1-results-reader:/results/r1 ./wkcheck-r1",
            "kubectl delete -k " + dir)) {
      assertTrue(readme.contains(step), step + " in\n" + readme);
    }
  }

  /** {@code kubectl kustomize DIR} builds the folder (offline: it needs no cluster). */
  @Test
  public void kubectlKustomizeAcceptsTheFolder() throws Exception {
    Path dir = Files.createTempDirectory("wkcheck-kustomize");
    Manifests.of(plan(4, "load", "{}")).write(dir);
    Path out = Files.createTempFile("wkcheck-kustomize", ".yaml");
    Process p;
    try {
      p =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
    } catch (IOException noKubectl) {
      throw new SkipException("kubectl is not installed here: " + noKubectl.getMessage());
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize ended");
    String built = Files.readString(out);
    assertEquals(p.exitValue(), 0, built);
    List<String> kinds = new ArrayList<>();
    for (String doc : built.split("(?m)^---$")) {
      if (!doc.isBlank()) {
        HasMetadata o = Serialization.unmarshal(doc, HasMetadata.class);
        kinds.add(o.getKind() + "/" + o.getMetadata().getName());
        assertEquals(o.getMetadata().getNamespace(), "load");
      }
    }
    assertEquals(
        kinds.stream().sorted().toList(),
        List.of(
            "ConfigMap/wkcheck-r1-settings",
            "Job/wkcheck-r1-injectors",
            "Job/wkcheck-r1-merge",
            "Job/wkcheck-r1-prepare",
            "PersistentVolumeClaim/wkcheck-r1-results"));
    Files.delete(out);
  }

  static Container container(Job j) {
    return j.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Optional<EnvVar> env(Job j, String name) {
    return container(j).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
