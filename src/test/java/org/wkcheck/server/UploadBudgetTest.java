package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testng.annotations.Test;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.UploadBudget;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/**
 * The memory of all uploads in flight is bounded together (a budget of 12 MiB here; bodies up to 16
 * MiB): concurrent ZIP bombs get 413 or 503 with the envelope, never a 5xx of the server's own, and
 * the budget is returned when the requests end, so normal uploads succeed afterwards.
 */
public class UploadBudgetTest extends ServerTestBase {
  private static final long BUDGET = 12L << 20;
  private static final long UPLOAD_LIMIT = 16L << 20;

  @Override
  protected ServerOptions options() {
    return new ServerOptions("127.0.0.1", 0, Duration.ofMinutes(3), 8L << 20, UPLOAD_LIMIT)
        .withUploadMemoryBytes(BUDGET);
  }

  // --- the budget itself ------------------------------------------------------------------------

  /**
   * A reservation that alone would exceed the budget MUST be 413; one that fits alone but not
   * together with the others MUST be 503 with Retry-After; closing returns it all, once.
   */
  @Test
  public void reservationsAreBoundedAloneAndTogether() {
    UploadBudget budget = new UploadBudget(100);
    UploadBudget.Reservation first = budget.open();
    UploadBudget.Reservation second = budget.open();
    first.reserve(60, "first");
    ApiException alone = expectThrows(ApiException.class, () -> first.reserve(41, "first"));
    assertEquals(alone.status(), 413, alone.getMessage());
    assertEquals(first.held(), 60);
    ApiException together = expectThrows(ApiException.class, () -> second.reserve(41, "second"));
    assertEquals(together.status(), 503, together.getMessage());
    assertNotNull(together.headers().get("Retry-After"), "Retry-After");
    second.reserve(40, "second");
    assertEquals(budget.inFlight(), 100);
    first.close();
    first.close();
    assertEquals(budget.inFlight(), 40);
    first.reserve(50, "after the end"); // a late read holds nothing
    assertEquals(budget.inFlight(), 40);
    second.close();
    assertEquals(budget.inFlight(), 0);
  }

  /**
   * Archives are unpacked only so many at a time: a request that finds no free slot in time MUST
   * get 503 with Retry-After; a slot closed (once or twice) MUST free exactly one place.
   */
  @Test
  @SuppressWarnings("try") // the second slot is held, not used, while the first is refused
  public void unpackingSlotsAreBounded() {
    UploadBudget budget = new UploadBudget(100, 1, Duration.ofMillis(100));
    UploadBudget.Reservation first = budget.open();
    UploadBudget.Reservation second = budget.open();
    UploadBudget.Slot slot = first.unpackingSlot("first");
    ApiException busy = expectThrows(ApiException.class, () -> second.unpackingSlot("second"));
    assertEquals(busy.status(), 503, busy.getMessage());
    assertNotNull(busy.headers().get("Retry-After"), "Retry-After");
    slot.close();
    slot.close();
    try (UploadBudget.Slot again = second.unpackingSlot("second")) {
      expectThrows(ApiException.class, () -> first.unpackingSlot("first"));
    }
  }

  // --- the server -------------------------------------------------------------------------------

  private static void assertEnvelope(ZipBombs.Answer a) {
    JsonNode body = Json.MAPPER.readTree(a.body());
    assertTrue(body.path("messages").path(0).path("error").isString(), "no envelope: " + a);
  }

  /**
   * 16 concurrent ZIP bombs (each inflating to 64 MiB, more than the whole budget) on {@code POST
   * /annotations/upload} MUST each be refused with 413 (this upload alone is too big) or 503 with
   * Retry-After (the uploads in flight fill the budget) and the envelope; 4 more on {@code POST
   * /tasks/createFromFiles} MUST be 503 or a report whose every file failed. Afterwards the budget
   * MUST be returned, the server answer, and a normal upload succeed.
   */
  @Test
  public void concurrentZipBombsAreRefusedAndTheBudgetIsReturned() throws Exception {
    byte[] bomb = ZipBombs.zipOfZeros(1, 64L << 20);
    assertTrue(bomb.length < 200_000, "bomb of " + bomb.length + " bytes");
    String project = createProject();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<ZipBombs.Answer>> uploads =
          pool.submit(() -> ZipBombs.fire(server.baseUrl(), SeedWorld.token('A'), bomb, 16));
      Future<List<Response>> fromFiles =
          pool.submit(
              () -> {
                List<Response> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                  answers.add(
                      as('A')
                          .multiPart("formJSON", createFromFilesForm(project))
                          .multiPart("file", "bomb.zip", bomb, "application/zip")
                          .post("/tasks/createFromFiles"));
                }
                return answers;
              });
      for (ZipBombs.Answer a : uploads.get()) {
        assertTrue(a.status() == 413 || a.status() == 503, "upload answered " + a);
        assertEnvelope(a);
        if (a.status() == 503) {
          assertEquals(
              a.retryAfter(), Integer.toString(UploadBudget.RETRY_AFTER_SECONDS), a.body());
        }
      }
      for (Response r : fromFiles.get()) {
        if (r.statusCode() == 503) {
          assertError(r, 503);
          assertNotNull(r.header("Retry-After"), "Retry-After");
        } else {
          JsonNode report = ok(r);
          for (JsonNode entry : report.path("tasks")) {
            assertEquals(entry.path("status").asInt(), 413, "file entry: " + report);
          }
          assertEquals(report.path("tasks").size(), 1, report.toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 0, "tasks created");
    awaitInFlight(0);
    assertNormalUploadSucceeds();
  }

  /**
   * While one upload holds all of the budget but 8 kB (its body sent but for the last bytes), a ZIP
   * that would fit alone MUST get 503 with Retry-After and the envelope (refused while unpacking),
   * and so MUST a 24 kB upload and a 32 kB JSON body (refused while their bodies are read; the rest
   * of a refused body is still read, so the answer arrives and the connection stays usable);
   * requests without a body MUST still be answered. When the holder's client goes away, its
   * reservation MUST be returned: the same ZIP is then unpacked (and refused as no NML, 400), and a
   * normal upload succeeds.
   */
  @Test
  public void aFullBudgetAnswers503UntilTheHolderEnds() throws Exception {
    byte[] zip = ZipBombs.zipOfZeros(1, 4L << 20);
    String project = createProject();
    try (Socket holder = new Socket("127.0.0.1", server.port())) {
      long sent = startSlowUpload(holder, BUDGET, BUDGET - 8192);
      awaitInFlight(sent);

      Response busy = upload("four.zip", zip, "application/zip");
      assertError(busy, 503);
      assertEquals(busy.header("Retry-After"), Integer.toString(UploadBudget.RETRY_AFTER_SECONDS));

      byte[] noise = new byte[24 << 10]; // larger than what is left: refused while Jetty reads it
      new java.util.Random(7).nextBytes(noise);
      Response body = upload("noise.nml", noise);
      assertError(body, 503);
      assertEquals(body.header("Retry-After"), Integer.toString(UploadBudget.RETRY_AFTER_SECONDS));

      // a JSON body sent in two halves: refused in the first, still read to its end, so the
      // answer arrives whole and the connection serves the next request
      byte[] tasks =
          ("[" + taskJson(project, 1) + "]" + " ".repeat(32 << 10))
              .getBytes(StandardCharsets.UTF_8);
      try (Socket client = new Socket("127.0.0.1", server.port())) {
        client.setSoTimeout(20_000);
        OutputStream out = client.getOutputStream();
        out.write(
            ("POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: "
                    + SeedWorld.token('A')
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + tasks.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(tasks, 0, tasks.length / 2);
        out.flush();
        Thread.sleep(300);
        out.write(tasks, tasks.length / 2, tasks.length - tasks.length / 2);
        out.flush();
        RawResponse json = RawResponse.read(client.getInputStream());
        assertEquals(json.status(), 503, json.toString());
        assertEquals(
            json.header("retry-after"), Integer.toString(UploadBudget.RETRY_AFTER_SECONDS));
        assertTrue(
            Json.MAPPER.readTree(json.body()).path("messages").path(0).path("error").isString(),
            json.toString());
        out.write(
            "GET /api/buildinfo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals(RawResponse.read(client.getInputStream()).status(), 200, "next request");
      }

      ok(anonymous().get("/buildinfo"));
      ok(as('A').get("/user"));
    } // the holder's client goes away mid-body
    awaitInFlight(0);
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 0, "tasks created");
    Response alone = upload("four.zip", zip, "application/zip");
    assertError(alone, 400);
    assertTrue(alone.asString().contains("four.zip"), alone.asString());
    assertNormalUploadSucceeds();
  }

  /**
   * Sends the head of a multipart upload declaring {@code declared} bytes and {@code send} bytes of
   * its file, then stalls; returns the body bytes sent.
   */
  private long startSlowUpload(Socket socket, long declared, long send) throws Exception {
    String boundary = "wkcheckSlow";
    String partHead =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.nml\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String head =
        "POST /api/annotations/upload HTTP/1.1\r\nHost: 127.0.0.1:"
            + server.port()
            + "\r\nX-Auth-Token: "
            + SeedWorld.token('A')
            + "\r\nContent-Type: multipart/form-data; boundary="
            + boundary
            + "\r\nContent-Length: "
            + declared
            + "\r\n\r\n"
            + partHead;
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    byte[] block = new byte[1 << 16];
    java.util.Arrays.fill(block, (byte) 'x');
    long sent = partHead.length();
    for (long left = send; left > 0; left -= block.length) {
      int n = (int) Math.min(block.length, left);
      out.write(block, 0, n);
      sent += n;
    }
    out.flush();
    return sent;
  }

  /** Waits until the requests in flight hold exactly {@code bytes}. */
  private void awaitInFlight(long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.uploadBudget().inFlight() != bytes) {
      assertTrue(
          System.nanoTime() < deadline,
          server.uploadBudget().inFlight() + " bytes reserved, expected " + bytes);
      Thread.sleep(20);
    }
  }

  private void assertNormalUploadSucceeds() {
    ok(anonymous().get("/buildinfo"));
    byte[] nml = BadInputTest.validNml("normal").getBytes(StandardCharsets.UTF_8);
    uploadExplorational("normal.nml", nml);
  }

  /** An HTTP/1.1 response read off a socket (Content-Length or chunked). */
  private record RawResponse(int status, java.util.Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    static RawResponse read(java.io.InputStream in) throws java.io.IOException {
      String status = line(in);
      assertTrue(status.startsWith("HTTP/1.1 "), "status line '" + status + "'");
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(
            h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            h.substring(colon + 1).trim());
      }
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      if (headers.containsKey("content-length")) {
        body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        for (int n = Integer.parseInt(line(in), 16); n > 0; n = Integer.parseInt(line(in), 16)) {
          body.write(in.readNBytes(n));
          line(in);
        }
        line(in);
      }
      return new RawResponse(
          Integer.parseInt(status.substring(9, 12)),
          headers,
          body.toString(StandardCharsets.UTF_8));
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new java.io.EOFException("connection closed after '" + b + "'");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }
  }

  private static String createFromFilesForm(String project) {
    return "{\"taskTypeId\":\""
        + SeedWorld.TASK_TYPE_1
        + "\",\"neededExperience\":{\"domain\":\"abc\",\"value\":0},\"openInstances\":1,"
        + "\"projectName\":\""
        + project
        + "\"}";
  }
}
