package org.wkcheck.load.scaleout.kubernetes;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The written manifests in fabric8's mock API server (CRUD mode, on loopback): created from the
 * files as {@code kubectl apply -k} would, listed back unchanged, and watched while this test plays
 * the Job controller (the pods of the Indexed Job with their completion index, then the Jobs
 * completing) and while the run's objects are deleted by their label. No cluster runs pods here:
 * the pods' work (the protocol's prepare, inject and merge) is not run.
 */
public class MockClusterTest {
  private static final String NS = "wkcheck-load";
  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final int N = 3;

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeClass
  public void start() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  @Test(timeOut = 120_000)
  public void theRunIsCreatedListedWatchedAndDeleted() throws Exception {
    Plan plan = ManifestsTest.plan(N, NS, "{}");
    Manifests manifests = Manifests.of(plan);
    Path dir = Files.createTempDirectory("wkcheck-mock-cluster");
    manifests.write(dir);

    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watch jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(NS)
            .withLabel(INSTANCE, "r1")
            .watch(recorder(events));
    Watch pods = client.pods().inNamespace(NS).withLabel(INSTANCE, "r1").watch(recorder(events));
    try {
      // kubectl apply -k: every file of the kustomization, parsed by the client itself
      for (String file : Manifests.FILES) {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
          for (HasMetadata o : client.load(in).items()) {
            client.resource(o).inNamespace(NS).create();
          }
        }
      }

      // listed back as written
      List<Job> listed =
          client.batch().v1().jobs().inNamespace(NS).withLabel(INSTANCE, "r1").list().getItems();
      assertEquals(listed.size(), 3);
      for (Job expected : List.of(manifests.prepare(), manifests.injectors(), manifests.merge())) {
        Job got =
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withName(expected.getMetadata().getName())
                .get();
        assertEquals(got.getSpec(), expected.getSpec(), expected.getMetadata().getName());
        assertEquals(Manifests.commandLine(got), Manifests.commandLine(expected));
      }
      assertEquals(
          client
              .persistentVolumeClaims()
              .inNamespace(NS)
              .withName("wkcheck-r1-results")
              .get()
              .getSpec(),
          manifests.results().getSpec());
      assertEquals(
          client.configMaps().inNamespace(NS).withName("wkcheck-r1-settings").get().getData(),
          manifests.settings().getData());
      expect(
          events,
          List.of(
              "ADDED Job wkcheck-r1-prepare",
              "ADDED Job wkcheck-r1-injectors",
              "ADDED Job wkcheck-r1-merge"));

      // the Job controller's part: one pod per Job, N for the Indexed Job, each with its index
      List<Pod> started = new ArrayList<>();
      started.add(podOf(client, listed, "wkcheck-r1-prepare", null));
      for (int i = 0; i < N; i++) {
        started.add(podOf(client, listed, "wkcheck-r1-injectors", i));
      }
      started.add(podOf(client, listed, "wkcheck-r1-merge", null));
      List<String> added = new ArrayList<>();
      started.forEach(p -> added.add("ADDED Pod " + p.getMetadata().getName()));
      expect(events, added);
      for (int i = 0; i < N; i++) {
        Pod p = client.pods().inNamespace(NS).withName("wkcheck-r1-injectors-" + i).get();
        assertEquals(p.getMetadata().getAnnotations().get(Manifests.INDEX_ANNOTATION), "" + i);
        // the injector pod runs the command of the Job: wkcheck load ... --phase inject
        List<String> cmd = new ArrayList<>(p.getSpec().getContainers().get(0).getCommand());
        cmd.addAll(p.getSpec().getContainers().get(0).getArgs());
        assertEquals(cmd, Manifests.commandLine(manifests.injectors()));
      }

      // the pods succeed, then their Jobs complete
      List<String> modified = new ArrayList<>();
      for (Pod p : started) {
        client
            .pods()
            .inNamespace(NS)
            .resource(
                new PodBuilder(p).editOrNewStatus().withPhase("Succeeded").endStatus().build())
            .updateStatus();
        modified.add("MODIFIED Pod " + p.getMetadata().getName());
      }
      for (Job j : listed) {
        int completions = j.getSpec().getCompletions();
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(NS)
            .resource(
                new JobBuilder(
                        client
                            .batch()
                            .v1()
                            .jobs()
                            .inNamespace(NS)
                            .withName(j.getMetadata().getName())
                            .get())
                    .editOrNewStatus()
                    .withSucceeded(completions)
                    .withCompletedIndexes(
                        "Indexed".equals(j.getSpec().getCompletionMode())
                            ? "0-" + (completions - 1)
                            : null)
                    .withConditions(new JobCondition(null, null, null, null, "True", "Complete"))
                    .endStatus()
                    .build())
            .updateStatus();
        modified.add("MODIFIED Job " + j.getMetadata().getName());
      }
      expect(events, modified);

      // kubectl wait --for=condition=complete job/wkcheck-r1-merge
      Job merged =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(NS)
              .withName("wkcheck-r1-merge")
              .waitUntilCondition(MockClusterTest::complete, 30, TimeUnit.SECONDS);
      assertTrue(complete(merged));
      Job injectors =
          client.batch().v1().jobs().inNamespace(NS).withName("wkcheck-r1-injectors").get();
      assertEquals(injectors.getStatus().getSucceeded(), Integer.valueOf(N));
      assertEquals(injectors.getStatus().getCompletedIndexes(), "0-" + (N - 1));

      // kubectl delete -k: everything of the run, by its label
      client.batch().v1().jobs().inNamespace(NS).withLabel(INSTANCE, "r1").delete();
      client.pods().inNamespace(NS).withLabel(INSTANCE, "r1").delete();
      client.persistentVolumeClaims().inNamespace(NS).withLabel(INSTANCE, "r1").delete();
      client.configMaps().inNamespace(NS).withLabel(INSTANCE, "r1").delete();
      List<String> deleted = new ArrayList<>();
      listed.forEach(j -> deleted.add("DELETED Job " + j.getMetadata().getName()));
      started.forEach(p -> deleted.add("DELETED Pod " + p.getMetadata().getName()));
      expect(events, deleted);
      assertTrue(client.batch().v1().jobs().inNamespace(NS).list().getItems().isEmpty());
      assertTrue(client.persistentVolumeClaims().inNamespace(NS).list().getItems().isEmpty());
    } finally {
      jobs.close();
      pods.close();
    }
  }

  private static boolean complete(Job j) {
    return j != null
        && j.getStatus() != null
        && j.getStatus().getConditions() != null
        && j.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * A pod as the Job controller makes it from a Job's template: named after the Job (and the
   * index), labelled, and for an Indexed Job annotated with its completion index.
   */
  private static Pod podOf(KubernetesClient client, List<Job> jobs, String job, Integer index) {
    Job j =
        jobs.stream().filter(x -> x.getMetadata().getName().equals(job)).findFirst().orElseThrow();
    Map<String, String> annotations = new HashMap<>();
    if (index != null) {
      annotations.put(Manifests.INDEX_ANNOTATION, index.toString());
    }
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(index == null ? job + "-0" : job + "-" + index)
            .withNamespace(NS)
            .withLabels(j.getSpec().getTemplate().getMetadata().getLabels())
            .addToLabels("job-name", job)
            .withAnnotations(annotations)
            .endMetadata()
            .withSpec(j.getSpec().getTemplate().getSpec())
            .build();
    return client.pods().inNamespace(NS).resource(pod).create();
  }

  private static <T extends HasMetadata> Watcher<T> recorder(BlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        events.add(action + " " + resource.getKind() + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  /** Waits until every expected event has arrived (in any order), failing after 30 s. */
  private static void expect(BlockingQueue<String> events, List<String> expected)
      throws InterruptedException {
    List<String> missing = new ArrayList<>(expected);
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!missing.isEmpty()) {
      String e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("events not seen: " + missing + "; seen: " + seen);
      }
      seen.add(e);
      missing.remove(e);
    }
  }
}
