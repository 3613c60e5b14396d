package org.wkcheck.validate;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testng.SkipException;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;
import org.wkcheck.contract.NmlSchema;
import org.wkcheck.contract.SchemaSet;
import org.wkcheck.http.Sizes;
import org.wkcheck.testing.CommandRun;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./wkcheck validate} on hostile recordings: every file or body beyond a bound MUST be
 * skipped with a message naming the file and the bound, the run MUST exit 2, and the good files
 * next to it MUST still be validated. Each test puts two good recordings (a build info and an NML
 * download) next to the hostile one.
 */
public class HostileInputTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DOWNLOAD =
      "/api/annotations/Explorational/0123456789abcdef01234567/download";
  private static final String GOOD_SUMMARY = "2 conform, 0 violate, 0 not documented";

  private Path root;
  private Path dir;

  @BeforeMethod
  public void folder() throws IOException {
    root = Files.createTempDirectory("wkcheck-hostile");
    dir = Files.createDirectories(root.resolve("recordings"));
    ObjectNode build = exchange("GET", "/api/buildinfo", "application/json");
    ObjectNode wk = build.putObject("body").putObject("webknossos");
    for (String f :
        List.of(
            "name",
            "version",
            "commitHash",
            "commitDate",
            "ciBuild",
            "ciTag",
            "datastoreApiVersion")) {
      wk.put(f, "x");
    }
    ((ObjectNode) build.get("body"))
        .put("schemaVersion", 1)
        .put("localDataStoreEnabled", true)
        .put("localTracingStoreEnabled", true);
    write(dir.resolve("a-good-buildinfo.json"), build);
    Files.write(dir.resolve("a-good.nml"), nml(3, false));
    write(dir.resolve("a-good-download.json"), download("application/xml", "a-good.nml"));
  }

  @AfterMethod(alwaysRun = true)
  public void clean() throws IOException {
    List<Path> all;
    try (var files = Files.walk(root)) {
      all = new ArrayList<>(files.toList());
    }
    Collections.reverse(all);
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  // --- fixtures ---------------------------------------------------------------------------------

  private static ObjectNode exchange(String method, String path, String contentType) {
    ObjectNode e = JSON.createObjectNode();
    e.put("method", method).put("path", path).put("status", 200).put("content_type", contentType);
    return e;
  }

  private static ObjectNode download(String contentType, String bodyFile) {
    ObjectNode e = exchange("GET", DOWNLOAD, contentType);
    e.putNull("body");
    e.put("body_file", bodyFile);
    return e;
  }

  private static void write(Path f, ObjectNode json) throws IOException {
    Files.writeString(f, json.toString());
  }

  /** A valid NML of {@code nodes} nodes in a chain; with a repeated node id if asked. */
  static byte[] nml(int nodes, boolean duplicate) {
    StringBuilder b = new StringBuilder("<things>\n<parameters><experiment name=\"ds\"/>");
    b.append("<scale x=\"1\" y=\"1\" z=\"1\"/></parameters>\n");
    b.append("<thing id=\"1\" color.r=\"1\" color.g=\"0\" color.b=\"0\" color.a=\"1\" name=\"t\">");
    b.append("\n<nodes>\n");
    for (int i = 1; i <= nodes + (duplicate ? 1 : 0); i++) {
      b.append("<node id=\"").append(i > nodes ? 17 : i);
      b.append(
          "\" radius=\"1\" x=\"1\" y=\"2\" z=\"3\" rotX=\"0\" rotY=\"0\" rotZ=\"0\" inVp=\"0\"");
      b.append(" inMag=\"0\" bitDepth=\"8\" interpolation=\"false\" time=\"0\"/>\n");
    }
    b.append("</nodes>\n<edges>\n");
    for (int i = 2; i <= nodes; i++) {
      b.append("<edge source=\"").append(i - 1).append("\" target=\"").append(i).append("\"/>\n");
    }
    return b.append("</edges>\n</thing>\n</things>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A ZIP whose one entry inflates to {@code mib} MiB of zeros while its header claims 1 KiB. The
   * deflate stream of 1 MiB of zeros, flushed to a byte boundary, is repeated: every copy inflates
   * to the same MiB, so the file stays about a thousand times smaller and the zeros are never held
   * or written.
   */
  static byte[] zipBomb(String entry, int mib) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(new byte[1 << 20]);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    do {
      n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      chunk.write(buf, 0, n);
    } while (n == buf.length || !d.needsInput());
    d.end();
    byte[] c = chunk.toByteArray();
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    int dataLength = c.length * mib + 2;
    ByteBuffer zip =
        ByteBuffer.allocate(30 + name.length + dataLength).order(ByteOrder.LITTLE_ENDIAN);
    zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8);
    zip.putShort((short) 0).putShort((short) 0x21).putInt(0); // time, date, CRC (never reached)
    zip.putInt(dataLength).putInt(1024); // the claimed uncompressed size: a lie
    zip.putShort((short) name.length).putShort((short) 0).put(name);
    for (int i = 0; i < mib; i++) {
      zip.put(c);
    }
    zip.put((byte) 3).put((byte) 0); // the final block: fixed Huffman, empty
    return zip.array();
  }

  /**
   * A ZIP of entries of zeros, or of random binary digits (which deflate about 7 times), the first
   * named as an NML.
   */
  private static byte[] zip(int entries, int entrySize, boolean digits) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Random r = new Random(7);
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < entries; i++) {
        z.putNextEntry(new ZipEntry("e" + i + (i == 0 ? ".nml" : ".bin")));
        byte[] data = new byte[entrySize];
        for (int k = 0; digits && k < entrySize; k++) {
          data[k] = (byte) (r.nextBoolean() ? '1' : '0');
        }
        z.write(data);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  // --- running ----------------------------------------------------------------------------------

  private static CommandRun run(String... args) {
    return CommandRun.main(args);
  }

  /**
   * Validates the folder: exit 2, the good recordings still conform, and stderr names each refused
   * file with its reason.
   */
  private CommandRun assertRefused(List<String> options, String... messages) {
    List<String> args = new ArrayList<>(List.of("validate"));
    args.addAll(options);
    args.add(dir.toString());
    CommandRun r = run(args.toArray(String[]::new));
    assertEquals(r.exit(), 2, r.out() + r.err());
    for (String m : messages) {
      assertTrue(
          r.err().contains("wkcheck validate: skipped " + m),
          "expected '" + m + "' in:\n" + r.err());
    }
    assertEquals(r.lastLine(), GOOD_SUMMARY, r.out() + r.err());
    assertTrue(r.out().contains(messages.length + " input(s) skipped"), r.out());
    assertFalse(r.err().contains("Exception") || r.err().contains("Error"), r.err());
    return r;
  }

  private CommandRun assertRefused(String... messages) {
    return assertRefused(List.of(), messages);
  }

  private String at(String name) {
    return dir.resolve(name).toString();
  }

  /** --max-body takes sizes with binary units; nonsense is bad usage (exit 2), not a crash. */
  @Test
  public void maxBodyTakesSizes() {
    assertEquals(Sizes.parseSize("64MiB"), 64L << 20);
    assertEquals(Sizes.parseSize("512k"), 512L << 10);
    assertEquals(Sizes.parseSize("1G"), 1L << 30);
    assertEquals(Sizes.parseSize("1000"), 1000);
    for (String bad : List.of("lots", "0", "3GiB", "-1")) {
      CommandRun r = run("validate", "--max-body", bad, dir.toString());
      assertEquals(r.exit(), 2, bad);
      assertTrue(r.err().contains("Invalid value for option '--max-body'"), r.err());
    }
  }

  // --- ZIP bodies -------------------------------------------------------------------------------

  /** A 1 GiB ZIP bomb (about 1 MiB on disk, its header lying) MUST stop at the entry bound. */
  @Test
  public void aZipBombIsRefusedAtTheEntryBound() throws IOException {
    byte[] bomb = zipBomb("bomb.nml", 1024);
    assertTrue(bomb.length < 2 << 20, "the test file stays small: " + bomb.length);
    Files.write(dir.resolve("data.zip"), bomb);
    write(dir.resolve("bomb.json"), download("application/zip", "data.zip"));
    assertRefused(
        at("bomb.json")
            + ": data.zip: ZIP entry bomb.nml unpacks to more than 64 MiB (--max-body)");
  }

  /** A highly compressed ZIP MUST be refused by its ratio long before its sizes count. */
  @Test
  public void aZipRatioAboveTheBoundIsRefused() throws IOException {
    Files.write(dir.resolve("data.zip"), zip(1, 10 << 20, false));
    write(dir.resolve("ratio.json"), download("application/zip", "data.zip"));
    assertRefused(at("ratio.json") + ": data.zip: ZIP compression ratio above 100:1");
  }

  /** More entries than any download has MUST be refused. */
  @Test
  public void tooManyZipEntriesAreRefused() throws IOException {
    Files.write(dir.resolve("data.zip"), zip(InputLimits.MAX_ZIP_ENTRIES + 1, 0, false));
    write(dir.resolve("many.json"), download("application/zip", "data.zip"));
    assertRefused(at("many.json") + ": data.zip: ZIP entry count above 10000");
  }

  /**
   * Entries each within the body bound MUST still be refused when they add up beyond 4 times it.
   */
  @Test
  public void aZipAboveTheTotalBoundIsRefused() throws IOException {
    Files.write(dir.resolve("data.zip"), zip(5, 900 << 10, true)); // 4.4 MiB in 0.6 MiB: no ratio
    write(dir.resolve("total.json"), download("application/zip", "data.zip"));
    assertRefused(
        List.of("--max-body", "1MiB"),
        at("total.json") + ": data.zip: ZIP entries unpack to an uncompressed size above 4 MiB");
  }

  // --- HAR files --------------------------------------------------------------------------------

  /**
   * A HAR body beyond the bound MUST be refused by its decoded size; the HAR's other entries count.
   */
  @Test
  public void aHugeBase64BodyInAHarIsRefused() throws IOException {
    ObjectNode har = JSON.createObjectNode();
    ArrayNode entries = har.putObject("log").putArray("entries");
    byte[] huge = new byte[2 << 20];
    for (byte[] body : List.of(nml(3, false), huge)) {
      ObjectNode entry = entries.addObject();
      entry.putObject("request").put("method", "GET").put("url", "http://wk.example" + DOWNLOAD);
      ObjectNode res = entry.putObject("response").put("status", 200);
      res.putObject("content")
          .put("mimeType", "application/xml")
          .put("encoding", "base64")
          .put("text", Base64.getMimeEncoder().encodeToString(body));
    }
    write(dir.resolve("session.har"), har);
    CommandRun r = run("validate", "--max-body", "1MiB", dir.toString());
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(
        r.err()
            .contains(
                "skipped "
                    + at("session.har")
                    + "#2: the base64 body decodes to about 2.0 MiB, above the bound of"
                    + " 1 MiB (--max-body)"),
        r.err());
    assertEquals(
        r.lastLine(), "3 conform, 0 violate, 0 not documented", "entry 1 and the good files");
  }

  // --- body_file --------------------------------------------------------------------------------

  /** /dev/zero never ends: a body_file naming it MUST be refused before anything is read. */
  @Test(timeOut = 60_000)
  public void aBodyFileOfDevZeroIsRefused() throws IOException {
    write(dir.resolve("zero.json"), download("application/xml", "/dev/zero"));
    assertRefused(at("zero.json") + ": body_file /dev/zero is an absolute path");
  }

  /** An absolute body_file MUST be refused even when it names a file in the folder. */
  @Test
  public void anAbsoluteBodyFileIsRefused() throws IOException {
    write(dir.resolve("abs.json"), download("application/xml", at("a-good.nml")));
    assertRefused(at("abs.json") + ": body_file " + at("a-good.nml") + " is an absolute path");
  }

  /** A body_file that climbs out of the folder MUST be refused; one that climbs back in is fine. */
  @Test
  public void aBodyFileEscapingTheFolderIsRefused() throws IOException {
    Files.write(root.resolve("outside.nml"), nml(3, false));
    write(dir.resolve("up.json"), download("application/xml", "../outside.nml"));
    Files.createDirectories(dir.resolve("sub"));
    write(dir.resolve("x-back-in.json"), download("application/xml", "sub/../a-good.nml"));
    CommandRun r = run("validate", dir.toString());
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(
        r.err()
            .contains(at("up.json") + ": body_file ../outside.nml escapes the recording's folder"),
        r.err());
    assertEquals(r.lastLine(), "3 conform, 0 violate, 0 not documented", r.out());
  }

  /**
   * A symbolic link out of the folder MUST be refused, as body_file and as a recording in a folder.
   */
  @Test
  public void symbolicLinksOutOfTheFolderAreRefused() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.write(outside.resolve("real.nml"), nml(3, false));
    Files.copy(dir.resolve("a-good-buildinfo.json"), outside.resolve("secret.json"));
    try {
      Files.createSymbolicLink(dir.resolve("link.nml"), Path.of("..", "outside", "real.nml"));
      Files.createSymbolicLink(dir.resolve("zero.nml"), Path.of("/dev/zero"));
      Files.createSymbolicLink(dir.resolve("linked.json"), outside.resolve("secret.json"));
    } catch (UnsupportedOperationException | IOException e) {
      throw new SkipException("no symbolic links here: " + e);
    }
    write(dir.resolve("via-link.json"), download("application/xml", "link.nml"));
    write(dir.resolve("via-zero.json"), download("application/xml", "zero.nml"));
    assertRefused(
        at("linked.json") + ": a symbolic link leading out of the folder",
        at("via-link.json")
            + ": body_file link.nml leads out of the recording's folder through a symbolic link",
        at("via-zero.json")
            + ": body_file zero.nml leads out of the recording's folder through a symbolic link");
  }

  /** A FIFO never ends either: as body_file or as a recording it MUST be refused, not opened. */
  @Test(timeOut = 60_000)
  public void fifosAreRefused() throws IOException, InterruptedException {
    for (String name : List.of("pipe.nml", "pipe.json")) {
      Process p;
      try {
        p = new ProcessBuilder("mkfifo", dir.resolve(name).toString()).inheritIO().start();
      } catch (IOException e) {
        throw new SkipException("no mkfifo here: " + e.getMessage());
      }
      if (p.waitFor() != 0) {
        throw new SkipException("mkfifo failed");
      }
    }
    write(dir.resolve("via-pipe.json"), download("application/xml", "pipe.nml"));
    assertRefused(
        at("pipe.json") + ": the file is not a regular file but a FIFO, device or socket",
        at("via-pipe.json")
            + ": body_file pipe.nml is not a regular file but a FIFO, device or socket");
  }

  /** A body_file larger than the bound MUST be refused by its size, before it is read. */
  @Test
  public void aBodyFileAboveTheBoundIsRefusedUnread() throws IOException {
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("huge.nml").toFile(), "rw")) {
      sparse.setLength(100L << 30); // 100 GiB, sparse: nothing is written
    }
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("huge.json").toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    write(dir.resolve("big.json"), download("application/xml", "huge.nml"));
    assertRefused(
        at("big.json") + ": body_file huge.nml is 100 GiB, above the bound of 64 MiB (--max-body)",
        at("huge.json") + ": the file is 1 GiB, above the bound of 64 MiB for exchange files");
  }

  // --- JSON and XML -----------------------------------------------------------------------------

  /** Deep JSON MUST stop at the nesting bound (no stack overflow), in a file and in a HAR body. */
  @Test
  public void deeplyNestedJsonIsRefused() throws IOException {
    int depth = 100_000;
    Files.writeString(
        dir.resolve("deep.json"),
        "{\"method\":\"GET\",\"path\":\"/api/buildinfo\",\"status\":200,\"body\":"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}");
    ObjectNode har = JSON.createObjectNode();
    ObjectNode entry = har.putObject("log").putArray("entries").addObject();
    entry.putObject("request").put("method", "GET").put("url", "http://wk.example/api/buildinfo");
    entry
        .putObject("response")
        .put("status", 200)
        .putObject("content")
        .put("mimeType", "application/json")
        .put("text", "[".repeat(depth) + "]".repeat(depth));
    write(dir.resolve("deep.har"), har);
    assertRefused(
        at("deep.json") + ": JSON nested deeper than 200 levels",
        at("deep.har") + "#1: the body: JSON nested deeper than 200 levels");
  }

  /** A JSON body of more tokens than the bound MUST be refused before its tree outgrows memory. */
  @Test
  public void tooManyJsonTokensAreRefused() throws IOException {
    StringBuilder b =
        new StringBuilder(
            "{\"method\":\"GET\",\"path\":\"/api/buildinfo\",\"status\":200,\"body\":[");
    b.append("{},".repeat((int) (InputLimits.MAX_JSON_TOKENS / 2)));
    Files.writeString(dir.resolve("tokens.json"), b.append("{}]}"));
    assertRefused(
        at("tokens.json")
            + ": JSON of more tokens than the bound ("
            + InputLimits.MAX_JSON_TOKENS
            + " for a body");
  }

  /** Millions of wrong items MUST give a bounded list of violations (not millions), exit 1. */
  @Test
  public void violationsOfOneBodyAreCapped() throws IOException {
    ObjectNode e = exchange("POST", "/api/tasks/list", "application/json");
    ArrayNode items = e.putArray("body");
    for (int i = 0; i < 3 * SchemaSet.MAX_ERRORS; i++) {
      items.add(i); // a task list of numbers: each item violates
    }
    write(dir.resolve("numbers.json"), e);
    CommandRun r = run("validate", dir.toString());
    assertEquals(r.exit(), 1, r.err());
    assertEquals(
        r.out().lines().filter(l -> l.contains("integer found, object expected")).count(),
        SchemaSet.MAX_ERRORS);
    assertTrue(r.out().contains("validation stopped after 1000 violations"), r.out());
    assertEquals(r.lastLine(), "2 conform, 1 violate, 0 not documented", r.out());
  }

  /** XML nested deeper than any NML MUST be refused, not parsed. */
  @Test
  public void deeplyNestedXmlIsRefused() throws IOException {
    int depth = NmlSchema.MAX_DEPTH + 1;
    Files.writeString(
        dir.resolve("deep.nml"),
        "<things>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</things>");
    write(dir.resolve("deep-xml.json"), download("application/xml", "deep.nml"));
    assertRefused(at("deep-xml.json") + ": deep.nml: the XML is nested deeper than 256 elements");
  }

  /** A big NML takes the linear identity check and MUST still report its repeated node id. */
  @Test
  public void aBigNmlIsCheckedLinearly() throws IOException {
    Files.write(dir.resolve("big.nml"), nml(NmlSchema.IDENTITY_XSD_LIMIT / 2 + 1, true));
    write(dir.resolve("big.json"), download("application/xml", "big.nml"));
    CommandRun r = run("validate", dir.toString());
    assertEquals(r.exit(), 1, r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "Duplicate unique value [17] declared for identity constraint \"nodeId\" of element"
                    + " \"things\""),
        r.out());
    assertEquals(r.lastLine(), "2 conform, 1 violate, 0 not documented", r.out());
  }

  /** Refused input makes the verdict incomplete: exit 2 even when something else violates. */
  @Test
  public void refusedInputWinsOverViolations() throws IOException {
    Files.write(dir.resolve("dup.nml"), nml(20, true));
    write(dir.resolve("dup.json"), download("application/xml", "dup.nml"));
    write(dir.resolve("zero.json"), download("application/xml", "/dev/zero"));
    CommandRun r = run("validate", dir.toString());
    assertEquals(r.exit(), 2, r.out() + r.err());
    assertTrue(r.out().contains("VIOLATES  GET " + DOWNLOAD), r.out());
    assertEquals(r.lastLine(), "2 conform, 1 violate, 0 not documented", r.out());
  }
}
