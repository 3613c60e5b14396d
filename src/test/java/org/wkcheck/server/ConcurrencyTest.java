package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent requests against one server: changes of concurrent requests MUST NOT be lost, ids MUST
 * stay unique and task instances MUST NOT be handed out more often than they are open.
 */
public class ConcurrencyTest extends ServerTestBase {
  private static final int THREADS = 8;

  /** Priorities above every other project of this class, growing with each use. */
  private static final AtomicLong TOP_PRIORITY = new AtomicLong(1_000_000_000L);

  private ExecutorService pool;

  @BeforeClass(alwaysRun = true)
  public void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterClass(alwaysRun = true)
  public void stopPool() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
  }

  /** Runs all calls on the pool, released together; returns their results in order. */
  private <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> c : calls) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return c.call();
              }));
    }
    start.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  private String topProject() {
    String name = unique("c");
    createProject(name, TOP_PRIORITY.incrementAndGet());
    return name;
  }

  private long open(String taskId) {
    return ok(as('A').get("/tasks/" + taskId)).path("status").path("open").asLong();
  }

  /** 200 concurrent increments by one MUST add up exactly: each task's open grows by 200. */
  @Test
  public void concurrentIncrementsAddUpExactly() throws Exception {
    String name = topProject();
    // paused, so that no request of another test could take instances meanwhile
    ok(as('A').patch("/projects/{n}/pause", name));
    List<String> tasks = createTaskIds(name, 1, 2, 3);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(
          () ->
              as('A')
                  .queryParam("delta", 1)
                  .patch("/projects/{n}/incrementEachTasksInstances", name)
                  .statusCode());
    }
    List<Integer> statuses = runAll(calls);
    assertEquals(Collections.frequency(statuses, 200), 200, "statuses " + statuses);
    assertEquals(open(tasks.get(0)), 201);
    assertEquals(open(tasks.get(1)), 202);
    assertEquals(open(tasks.get(2)), 203);
    JsonNode p =
        ok(as('A').queryParam("delta", 0).patch("/projects/{n}/incrementEachTasksInstances", name));
    assertEquals(p.path("numberOfOpenAssignments").asLong(), 606);
  }

  /** 20 concurrent creations of 10 tasks each MUST give 200 tasks with 200 unique ids. */
  @Test
  public void concurrentCreationsGiveUniqueIds() throws Exception {
    String name = topProject();
    ok(as('A').patch("/projects/{n}/pause", name));
    String body = tasksBody(name, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1).toString();
    List<Callable<JsonNode>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(() -> ok(as('A').contentType("application/json").body(body).post("/tasks")));
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode report : runAll(calls)) {
      assertEquals(report.path("tasks").size(), 10, "report " + report);
      for (JsonNode e : report.path("tasks")) {
        assertEquals(e.path("status").asInt(), 200, "entry " + e);
        ids.add(e.path("success").path("id").asString());
      }
    }
    assertEquals(ids.size(), 200);
    assertEquals(new HashSet<>(ids).size(), 200, "duplicate ids among " + ids);
    JsonNode listed = ok(as('A').get("/projects/{n}/tasks", name));
    assertEquals(new HashSet<>(strings(listed, "id")), new HashSet<>(ids));
    assertEquals(listed.size(), 200);
  }

  /**
   * Concurrent task requests of several users MUST NOT hand out more instances of a task than it
   * has open, each user MUST get an instance of a task at most once, and the open count MUST end at
   * 0 without ever being negative.
   */
  @Test
  public void concurrentRequestsNeverHandOutMoreThanOpen() throws Exception {
    String name = topProject();
    ok(as('A').patch("/projects/{n}/pause", name));
    // 4 tasks of 2 instances: 8 open instances, while the 3 members of team_X1 (A, B, C) could
    // take up to 12 (one of each task each).
    int perTask = 2;
    List<String> tasks = createTaskIds(name, perTask, perTask, perTask, perTask);
    ok(as('A').patch("/projects/{n}/resume", name));

    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> negative = new ConcurrentLinkedQueue<>();
    Thread watcher =
        new Thread(
            () -> {
              while (running.get()) {
                for (String t : tasks) {
                  long o = open(t);
                  if (o < 0) {
                    negative.add(t + ": " + o);
                  }
                }
              }
            });
    watcher.start();

    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      for (char user : new char[] {'A', 'B', 'C'}) {
        calls.add(() -> as(user).post("/user/tasks/request"));
      }
    }
    List<Response> responses;
    try {
      responses = runAll(calls);
    } finally {
      running.set(false);
      watcher.join(30_000);
    }

    Map<String, Integer> handedOut = new HashMap<>();
    Set<String> userAndTask = new HashSet<>();
    for (int i = 0; i < responses.size(); i++) {
      Response r = responses.get(i);
      char user = new char[] {'A', 'B', 'C'}[i % 3];
      if (r.statusCode() != 200) {
        // nothing left for this user: the documented error envelope
        assertError(r, 400);
        continue;
      }
      JsonNode a = json(r);
      String taskId = a.path("task").path("id").asString();
      if (tasks.contains(taskId)) {
        handedOut.merge(taskId, 1, Integer::sum);
        assertTrue(
            userAndTask.add(user + taskId), "user_" + user + " got task " + taskId + " twice");
      }
    }
    assertTrue(negative.isEmpty(), "negative open counts seen: " + negative);
    for (String t : tasks) {
      assertEquals(
          (int) handedOut.getOrDefault(t, 0), perTask, "instances of " + t + " handed out");
      assertEquals(open(t), 0, "open instances of " + t);
      JsonNode annotations = ok(as('A').get("/tasks/" + t + "/annotations"));
      assertEquals(annotations.size(), perTask, "annotations of " + t);
    }
  }
}
