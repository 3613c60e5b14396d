package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.testng.annotations.Test;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/**
 * Oversized request bodies on a server with small limits (10 kB of JSON, 50 kB of multipart): they
 * are refused with 413 (or 400) and the envelope, change nothing, and the server keeps answering.
 */
public class BadInputSizeLimitsTest extends ServerTestBase {
  private static final int JSON_LIMIT = 10_000;
  private static final int UPLOAD_LIMIT = 50_000;

  @Override
  protected ServerOptions options() {
    return new ServerOptions("127.0.0.1", 0, Duration.ofMinutes(3), JSON_LIMIT, UPLOAD_LIMIT);
  }

  /** A POST /tasks body of about {@code bytes} bytes: valid tasks for the project. */
  private static String tasksBody(String project, int bytes) {
    StringBuilder b = new StringBuilder("[");
    String one = taskJson(project, 1);
    while (b.length() + one.length() + 2 < bytes) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(one);
    }
    return b.append(']').toString();
  }

  /** An NML of about {@code bytes} bytes on l4_sample: one tree with many nodes. */
  private static byte[] nmlOfSize(int bytes) {
    StringBuilder b =
        new StringBuilder(
            "<things>\n  <parameters>\n    <experiment name=\"l4_sample\" organization=\"Organization_X\"/>\n"
                + "    <scale x=\"11.24\" y=\"11.24\" z=\"28.0\"/>\n  </parameters>\n"
                + "  <thing id=\"1\" color.r=\"1.0\" color.g=\"0.0\" color.b=\"0.0\" color.a=\"1.0\" name=\"big\">\n"
                + "    <nodes>\n");
    int id = 1;
    while (b.length() < bytes - 200) {
      b.append("      <node id=\"")
          .append(id++)
          .append("\" radius=\"1.0\" x=\"3200\" y=\"3200\" z=\"600\"/>\n");
    }
    b.append("    </nodes>\n    <edges/>\n  </thing>\n</things>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void assertTooLarge(Response r) {
    int s = r.statusCode();
    assertTrue(s == 413 || s == 400, "expected 413 (or 400), answered " + s + ": " + r.asString());
    assertError(r, s);
  }

  private void assertStillAnswers() {
    ok(anonymous().get("/buildinfo"));
    JsonNode me = ok(as('A').get("/user"));
    assertEquals(me.path("id").asString(), SeedWorld.USER_A);
  }

  /**
   * POST /tasks with a 20 kB body MUST be refused with 413 (or 400) and the envelope, creating no
   * task.
   */
  @Test
  public void anOversizedJsonBodyIsRefused() {
    String project = createProject();
    String body = tasksBody(project, 20_000);
    assertTrue(body.length() > 2 * JSON_LIMIT - 1000, "body of " + body.length());
    assertTooLarge(as('A').contentType("application/json").body(body).post("/tasks"));
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 0, "tasks created");
    assertStillAnswers();
  }

  /**
   * Oversized bodies on the other JSON routes MUST be refused with 413 (or 400) and the envelope.
   */
  @Test
  public void oversizedBodiesOnEveryJsonRouteAreRefused() {
    String project = createProject();
    String padding = "\"padding\":\"" + "x".repeat(20_000) + "\",";
    String task = createTask(project, 1).path("id").asString();
    assertTooLarge(
        as('A')
            .contentType("application/json")
            .body("{" + padding + "\"openInstances\":7}")
            .put("/tasks/" + task));
    assertTooLarge(
        as('A')
            .contentType("application/json")
            .body("{" + padding + "\"random\":false}")
            .post("/tasks/list"));
    assertTooLarge(
        as('A')
            .contentType("application/json")
            .body("{" + padding + "\"name\":\"x\"}")
            .patch("/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_2 + "/edit"));
    assertTooLarge(
        as('A')
            .contentType("application/json")
            .body("{" + padding + "\"name\":\"" + project + "\"}")
            .put("/projects/" + project));
    assertEquals(ok(as('A').get("/tasks/" + task)).path("status").path("open").asLong(-1), 1);
    assertStillAnswers();
  }

  /**
   * An upload with a 100 kB file MUST be refused with 413 (or 400) and the envelope, creating
   * nothing.
   */
  @Test
  public void anOversizedUploadIsRefused() {
    int before = ok(as('A').get("/user/annotations")).size();
    byte[] nml = nmlOfSize(100_000);
    assertTrue(nml.length >= 99_000, "file of " + nml.length);
    Response r = upload("big.nml", nml);
    assertTooLarge(r);
    assertEquals(ok(as('A').get("/user/annotations")).size(), before, "annotation created");
    // random bytes too
    byte[] random = new byte[100_000];
    new Random(1).nextBytes(random);
    assertTooLarge(upload("random.nml", random));
    assertStillAnswers();
  }

  /**
   * POST /tasks/createFromFiles with a 100 kB file MUST be refused with 413 (or 400) and the
   * envelope.
   */
  @Test
  public void anOversizedCreateFromFilesIsRefused() {
    String project = createProject();
    String form =
        "{\"taskTypeId\":\""
            + SeedWorld.TASK_TYPE_1
            + "\",\"neededExperience\":{\"domain\":\"abc\",\"value\":0},\"openInstances\":1,\"projectName\":\""
            + project
            + "\"}";
    Response r =
        as('A')
            .multiPart("formJSON", form)
            .multiPart("file", "big.nml", nmlOfSize(100_000), "application/octet-stream")
            .post("/tasks/createFromFiles");
    assertTooLarge(r);
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 0, "tasks created");
    assertStillAnswers();
  }

  /**
   * Bodies within the limits MUST be accepted: a 9 kB JSON body, and a 30 kB upload (above the JSON
   * limit, below the upload limit).
   */
  @Test
  public void bodiesWithinTheLimitsAreAccepted() {
    String project = createProject();
    String body = tasksBody(project, 9_000);
    assertTrue(body.length() < JSON_LIMIT && body.length() > 8_000, "body of " + body.length());
    JsonNode report = ok(as('A').contentType("application/json").body(body).post("/tasks"));
    assertTrue(report.path("tasks").size() > 10, report.toString());
    byte[] nml = nmlOfSize(30_000);
    assertTrue(
        nml.length > JSON_LIMIT && nml.length < UPLOAD_LIMIT - 2_000, "file of " + nml.length);
    uploadExplorational("medium.nml", nml);
  }

  private HttpResponse<String> sendChunked(
      String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api" + path))
            .header("X-Auth-Token", SeedWorld.token('A'))
            .header("Content-Type", contentType)
            // a stream of unknown length: sent chunked, without Content-Length
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .timeout(Duration.ofSeconds(30))
            .build();
    return client.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertTooLarge(HttpResponse<String> r) {
    int s = r.statusCode();
    assertTrue(s == 413 || s == 400, "expected 413 (or 400), answered " + s + ": " + r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        "content type " + r.headers().firstValue("Content-Type"));
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertTrue(body.path("messages").path(0).path("error").isString(), "no envelope: " + r.body());
  }

  /**
   * An oversized JSON body sent chunked (no Content-Length) MUST be refused with 413 (or 400) and
   * the envelope, creating no task: the limit holds for the bytes, not the declared length.
   */
  @Test
  public void anOversizedChunkedJsonBodyIsRefused() throws Exception {
    String project = createProject();
    byte[] body = tasksBody(project, 20_000).getBytes(StandardCharsets.UTF_8);
    assertTooLarge(sendChunked("POST", "/tasks", "application/json", body));
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 0, "tasks created");
    assertStillAnswers();
  }

  /**
   * An oversized multipart upload sent chunked MUST be refused with 413 (or 400) and the envelope.
   */
  @Test
  public void anOversizedChunkedUploadIsRefused() throws Exception {
    int before = ok(as('A').get("/user/annotations")).size();
    String boundary = "wkcheckBoundary42";
    byte[] nml = nmlOfSize(100_000);
    byte[] body = ZipBombs.uploadBody(boundary, "big.nml", nml);
    assertTooLarge(
        sendChunked(
            "POST", "/annotations/upload", "multipart/form-data; boundary=" + boundary, body));
    assertEquals(ok(as('A').get("/user/annotations")).size(), before, "annotation created");
    assertStillAnswers();
  }
}
