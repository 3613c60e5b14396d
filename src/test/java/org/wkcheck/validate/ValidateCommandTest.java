package org.wkcheck.validate;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.testing.CommandRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./wkcheck validate}: traffic recorded from the reference server conforms; the same traffic
 * with one documented field broken violates, named by its JSON pointer; HAR and exchange files and
 * folders are read; bad files are reported and skipped.
 */
public class ValidateCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private ReferenceServer server;
  private Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeClass
  public void record() throws Exception {
    server = ReferenceServer.start(ServerOptions.defaults());
    dir = Files.createTempDirectory("wkcheck-validate");
    String[] gets = {
      "/api/buildinfo",
      "/api/user",
      "/api/users",
      "/api/user/tasks",
      "/api/user/annotations",
      "/api/teams",
      "/api/datasets",
      "/api/datasets/Organization_X/l4_sample",
      "/api/tasks/" + SeedWorld.TASK_1,
      "/api/tasks/" + SeedWorld.TASK_4 + "/annotations",
      "/api/projects",
      "/api/projects/assignments",
      "/api/projects/Test_Project",
      "/api/projects/Test_Project/tasks",
      "/api/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/info",
      "/api/v3/users/" + SeedWorld.USER_B,
      "/api/tasks/" + "0123456789abcdef01234567"
    };
    for (String path : gets) {
      save(exchange("GET", path, null));
    }
    save(exchange("POST", "/api/tasks/list", "{}"));
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws IOException {
    server.close();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A request to the reference server as user_A, recorded as an exchange file. */
  private ObjectNode exchange(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("X-Auth-Token", SeedWorld.token('A'));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    ObjectNode e = recording(method, path, r.statusCode());
    e.put("content_type", r.headers().firstValue("Content-Type").orElse(""));
    e.set("body", JSON.readTree(r.body()));
    return e;
  }

  private int saved;

  private Path save(JsonNode exchange) throws IOException {
    Path f = dir.resolve(String.format("exchange-%03d.json", ++saved));
    Files.writeString(f, exchange.toString());
    return f;
  }

  private static CommandRun run(String... args) {
    return CommandRun.main(args);
  }

  /** A folder of recordings of the test's own, deleted after it. */
  private Path tmp;

  @BeforeMethod
  public void makeFolder() throws IOException {
    tmp = Files.createTempDirectory("wkcheck-validate-case");
  }

  @AfterMethod(alwaysRun = true)
  public void deleteFolder() throws IOException {
    if (tmp != null) {
      deleteTree(tmp);
    }
  }

  /** A recorded exchange of method, path and status, without content type and body. */
  private static ObjectNode recording(String method, String path, int status) {
    ObjectNode e = JSON.createObjectNode();
    e.put("method", method);
    e.put("path", path);
    e.put("status", status);
    return e;
  }

  /** Everything the reference server answered MUST conform, and the summary says so. */
  @Test
  public void referenceServerTrafficConforms() {
    CommandRun r = run("validate", dir.toString());
    assertEquals(r.exit(), 0, r.out() + r.err());
    assertEquals(r.lastLine(), saved + " conform, 0 violate, 0 not documented", r.out());
    assertTrue(
        r.out().contains("unversioned") && r.out().contains("v3"), "version breakdown: " + r.out());
  }

  /** A task without status.open MUST violate, named by pointer and rule; exit 1. */
  @Test
  public void aMissingDocumentedFieldViolates() throws Exception {
    ObjectNode e = exchange("GET", "/api/tasks/" + SeedWorld.TASK_1, null);
    ObjectNode status = (ObjectNode) e.path("body").path("status");
    status.set("pending", status.remove("open"));
    Files.writeString(tmp.resolve("renamed.json"), e.toString());
    CommandRun r = run("validate", tmp.toString());
    assertEquals(r.exit(), 1, r.out() + r.err());
    assertTrue(r.out().contains("VIOLATES  GET /api/tasks/" + SeedWorld.TASK_1 + " 200"), r.out());
    assertTrue(r.out().contains("/status") && r.out().contains("required"), r.out());
    assertEquals(r.lastLine(), "0 conform, 1 violate, 0 not documented");
  }

  /**
   * Answers of the shape the document describes, with no field it does not name (the {@code
   * documented-shape.json} pass examples of the schemas), MUST conform, also in strict mode: a
   * server built from the document alone is no failure. {@code GET /projects/assignments} is
   * "project information, with additional field numberOfOpenAssignments", nothing more; the same
   * answer without that field MUST violate.
   */
  @Test
  public void documentedShapeAnswersConform() throws Exception {
    String[][] answers = {
      {"GET", "/api/projects/assignments", "project-with-status-list"},
      {"GET", "/api/projects", "project-list"},
      {"GET", "/api/projects/axon_proofreading", "project"},
      {
        "PATCH",
        "/api/projects/axon_proofreading/incrementEachTasksInstances",
        "project-with-status"
      },
      {"GET", "/api/tasks/6501a2b3c4d5e6f708192e01", "task"},
      {"POST", "/api/tasks", "task-creation-report"},
      {"GET", "/api/annotations/Explorational/6501a2b3c4d5e6f708192f01/info", "annotation"},
      {"GET", "/api/user/tasks", "annotation-list"},
      {"GET", "/api/tasks/6501a2b3c4d5e6f708192e01/annotations", "task-annotation-list"},
      {"GET", "/api/user/annotations", "annotation-compact-list"},
      {"POST", "/api/annotations/upload", "upload-answer"},
      {"GET", "/api/user", "user"},
      {"GET", "/api/users", "user-list"},
      {"GET", "/api/teams", "team-list"},
      {"GET", "/api/datasets", "dataset-list"},
      {"GET", "/api/datasets/Connectomics_Department/l4_sample", "dataset"},
      {"GET", "/api/buildinfo", "buildinfo"}
    };
    for (String[] a : answers) {
      Path example = Path.of("schemas/documented/examples", a[2], "pass", "documented-shape.json");
      ObjectNode e = recording(a[0], a[1], 200);
      e.put("content_type", "application/json");
      e.set("body", JSON.readTree(example.toFile()));
      Files.writeString(tmp.resolve(a[2] + ".json"), e.toString());
    }
    for (String mode : new String[] {"--quiet", "--strict"}) {
      CommandRun r = run("validate", mode, tmp.toString());
      assertEquals(r.exit(), 0, mode + ": " + r.out() + r.err());
      assertEquals(r.lastLine(), answers.length + " conform, 0 violate, 0 not documented", r.out());
      assertFalse(r.out().contains("NOTICES"), r.out());
      if (mode.equals("--strict")) {
        assertTrue(r.out().contains("0 notice(s) of undocumented fields"), r.out());
      }
    }

    ObjectNode assignments =
        (ObjectNode) JSON.readTree(tmp.resolve(answers[0][2] + ".json").toFile());
    ((ObjectNode) assignments.path("body").path(0)).remove("numberOfOpenAssignments");
    Files.writeString(tmp.resolve(answers[0][2] + ".json"), assignments.toString());
    CommandRun r = run("validate", tmp.toString());
    assertEquals(r.exit(), 1, r.out() + r.err());
    assertTrue(
        r.out().contains("VIOLATES  GET /api/projects/assignments 200")
            && r.out().contains("numberOfOpenAssignments"),
        r.out());
    assertEquals(r.lastLine(), (answers.length - 1) + " conform, 1 violate, 0 not documented");
  }

  /** An error answer without the envelope, and an undocumented status, MUST violate. */
  @Test
  public void errorsMustHaveTheEnvelope() throws Exception {
    ObjectNode e = recording("GET", "/api/tasks/0123456789abcdef01234567", 404);
    e.put("content_type", "text/html");
    e.put("body", "<html>Not found</html>");
    Files.writeString(tmp.resolve("html.json"), e.toString());
    e.put("status", 503);
    Files.writeString(tmp.resolve("503.json"), e.toString());
    CommandRun r = run("validate", tmp.toString());
    assertEquals(r.exit(), 1);
    assertTrue(r.out().contains("content type text/html"), r.out());
    assertTrue(r.out().contains("status 503 is not documented"), r.out());
    assertEquals(r.lastLine(), "0 conform, 2 violate, 0 not documented");
  }

  /** Routes outside the document MUST be counted as not documented, not as violations. */
  @Test
  public void undocumentedRoutesAreCounted() throws Exception {
    ObjectNode e = recording("GET", "/api/folders/tree", 200);
    e.set("body", JSON.createArrayNode());
    Files.writeString(tmp.resolve("folders.json"), e.toString());
    CommandRun r = run("validate", "--list-undocumented", tmp.toString());
    assertEquals(r.exit(), 0, r.out() + r.err());
    assertTrue(r.out().contains("NOT DOCUMENTED  GET /api/folders/tree"), r.out());
    assertEquals(r.lastLine(), "0 conform, 0 violate, 1 not documented");
  }

  /**
   * HAR files MUST be read: JSON bodies, and base64 NML downloads checked against the NML schema.
   */
  @Test
  public void harFilesAreRead() throws Exception {
    HttpResponse<byte[]> nml =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.baseUrl()
                            + "/api/annotations/Explorational/"
                            + SeedWorld.EXPLORATIONAL_VOLUME
                            + "/download"))
                .header("X-Auth-Token", SeedWorld.token('A'))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    ObjectNode har = JSON.createObjectNode();
    ArrayNode entries = har.putObject("log").putArray("entries");
    entries.add(
        harEntry(
            "GET",
            "/api/user",
            200,
            "application/json",
            exchange("GET", "/api/user", null)
                .path("body")
                .toString()
                .getBytes(StandardCharsets.UTF_8)));
    entries.add(
        harEntry(
            "GET",
            "/api/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_VOLUME + "/download",
            200,
            "application/zip",
            nml.body()));
    entries.add(
        harEntry(
            "GET",
            "/api/annotations/Explorational/x/download",
            200,
            "application/xml",
            "<things><broken".getBytes(StandardCharsets.UTF_8)));
    Files.writeString(tmp.resolve("session.har"), har.toString());
    CommandRun r = run("validate", tmp.resolve("session.har").toString());
    assertEquals(r.exit(), 1, r.out() + r.err());
    assertEquals(r.lastLine(), "2 conform, 1 violate, 0 not documented", r.out());
    assertTrue(r.out().contains("session.har#3"), r.out());
  }

  private static ObjectNode harEntry(
      String method, String path, int status, String mime, byte[] body) {
    ObjectNode entry = JSON.createObjectNode();
    entry.putObject("request").put("method", method).put("url", "http://wk.example" + path);
    ObjectNode res = entry.putObject("response");
    res.put("status", status);
    res.putObject("content")
        .put("mimeType", mime)
        .put("encoding", "base64")
        .put("text", Base64.getEncoder().encodeToString(body));
    return entry;
  }

  /** Unreadable files and invalid JSON MUST be reported and skipped; the rest still validates. */
  @Test
  public void badFilesAreReportedAndSkipped() throws Exception {
    Files.writeString(tmp.resolve("a-truncated.json"), "{\"method\":\"GET\",\"path\":");
    Files.writeString(tmp.resolve("b-other.json"), "{\"hello\":1}");
    Files.writeString(tmp.resolve("c-good.json"), exchange("GET", "/api/user", null).toString());
    CommandRun r = run("validate", tmp.toString(), tmp.resolve("missing.json").toString());
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(r.err().contains("a-truncated.json: not valid JSON"), r.err());
    assertTrue(r.err().contains("b-other.json: neither"), r.err());
    assertTrue(r.err().contains("missing.json: no such file"), r.err());
    assertEquals(r.lastLine(), "1 conform, 0 violate, 0 not documented", r.out());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  /** Strict mode MUST report undocumented extra fields as notices only: still exit 0. */
  @Test
  public void strictModeGivesNotices() throws Exception {
    ObjectNode e = exchange("GET", "/api/user", null);
    ((ObjectNode) e.path("body")).put("someNewField", 1);
    Files.writeString(tmp.resolve("user.json"), e.toString());
    CommandRun r = run("validate", "--strict", tmp.toString());
    assertEquals(r.exit(), 0, r.out() + r.err());
    assertTrue(r.out().contains("someNewField"), r.out());
    assertEquals(r.lastLine(), "1 conform, 0 violate, 0 not documented", r.out());
    CommandRun plain = run("validate", tmp.toString());
    assertFalse(plain.out().contains("someNewField"), plain.out());
  }

  private static void deleteTree(Path p) throws IOException {
    try (var files = Files.walk(p)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path f : all) {
        Files.delete(f);
      }
    }
  }
}
