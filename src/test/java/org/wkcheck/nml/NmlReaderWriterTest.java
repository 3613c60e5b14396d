package org.wkcheck.nml;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.Nml.Volume;
import org.wkcheck.testing.SecretFile;

/**
 * {@link NmlWriter} and {@link NmlReader}: round trips, the written layout (facts file section 10),
 * the reader's leniency (rounding, defaults, unknown elements) and what it must refuse. All
 * fixtures are written here.
 */
public class NmlReaderWriterTest {

  // --- fixtures ---------------------------------------------------------------------------------

  static Node node(int id, int x, int y, int z) {
    return new Node(
        id,
        1.5 + id,
        x,
        y,
        z,
        0.25 * id,
        -90.0,
        180.0,
        1,
        2,
        8,
        id % 2 == 0,
        1_500_000_000_000L + id);
  }

  /**
   * Trees with colours, groups nested two levels, comments, branchpoints, boxes, volumes with
   * segments.
   */
  static Nml fullDocument() {
    Tree t1 = NmlFixtures.redChain("first tree", NmlReaderWriterTest::node);
    Tree t2 =
        NmlFixtures.visiblePair(
            new Color(0.1, 0.2, 0.3, 0.4),
            "grouped tree",
            node(4, 100, 100, 100),
            node(5, 101, 101, 101));
    Tree t3 = NmlFixtures.hiddenSingle(new Color(0.0, 0.0, 1.0, 1.0), node(10, 7, 8, 9));
    Tree empty =
        new Tree(6, new Color(0.5, 0.5, 0.5, 1.0), "", 10, null, null, List.of(), List.of());
    List<Group> groups = NmlFixtures.nestedGroups();
    Volume v1 = NmlFixtures.volume("wkw", NmlFixtures.segmentFour());
    Volume v2 = NmlFixtures.bareVolume("zarr3");
    return new Nml(
        List.of(
            new Meta("writer", "NmlReaderWriterTest"),
            new Meta("annotationId", "0123456789abcdef01234567")),
        NmlFixtures.parameters(),
        List.of(t1, t2, t3, empty),
        List.of(new Branchpoint(2, 1_500_000_000_123L), new Branchpoint(4, null)),
        List.of(
            new Comment(3, "a comment with \"quotes\", <brackets> & ümlauts 😀"),
            new Comment(10, "")),
        groups,
        List.of(v1, v2));
  }

  static String text(Nml nml) {
    return new String(NmlWriter.toBytes(nml), StandardCharsets.UTF_8);
  }

  static Nml read(String xml) throws NmlException {
    return NmlReader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  /** A small valid document with the given content after the parameters. */
  static String doc(String afterParameters) {
    return "<things>\n  <parameters>\n    <experiment name=\"l4_sample\" organization=\"Organization_X\"/>\n"
        + "    <scale x=\"1.0\" y=\"1.0\" z=\"1.0\"/>\n  </parameters>\n"
        + afterParameters
        + "</things>\n";
  }

  // --- round trips ------------------------------------------------------------------------------

  /**
   * Writing then reading MUST give an equal Nml: trees, colours, nested groups, comments,
   * branchpoints, boxes, volumes.
   */
  @Test
  public void roundTripGivesAnEqualDocument() throws NmlException {
    Nml original = fullDocument();
    Nml back = NmlReader.read(NmlWriter.toBytes(original));
    assertEquals(back.meta(), original.meta());
    assertEquals(back.parameters(), original.parameters());
    assertEquals(back.trees(), original.trees());
    assertEquals(back.branchpoints(), original.branchpoints());
    assertEquals(back.comments(), original.comments());
    assertEquals(back.groups(), original.groups());
    assertEquals(back.volumes(), original.volumes());
    assertEquals(back, original);
    // and a second round changes nothing either
    assertEquals(NmlWriter.toBytes(back), NmlWriter.toBytes(original));
  }

  /** An empty document (no trees, no groups, nothing optional) MUST round-trip to an equal Nml. */
  @Test
  public void emptyDocumentRoundTrips() throws NmlException {
    Nml empty =
        Nml.empty(Parameters.of("l4_sample", "Organization_X", new Vec3d(11.24, 11.24, 28)));
    assertEquals(NmlReader.read(NmlWriter.toBytes(empty)), empty);
  }

  /**
   * A task bounding box without a colour (as webKnossos writes it) MUST be written without colour
   * attributes and read back with its coordinates and no colour.
   */
  @Test
  public void taskBoundingBoxWithoutColourRoundTrips() throws NmlException {
    BoundingBox task = new BoundingBox(null, null, null, null, 0, 0, 0, 100, 100, 50);
    Nml nml = Nml.empty(NmlFixtures.parameters().withBoxes(List.of(), task));
    String xml = text(nml);
    assertTrue(
        xml.contains(
            "<taskBoundingBox topLeftX=\"0\" topLeftY=\"0\" topLeftZ=\"0\" width=\"100\" height=\"100\" depth=\"50\"/>"),
        xml);
    BoundingBox back = NmlReader.read(NmlWriter.toBytes(nml)).parameters().taskBoundingBox();
    assertEquals(
        List.of(
            back.topLeftX(),
            back.topLeftY(),
            back.topLeftZ(),
            back.width(),
            back.height(),
            back.depth()),
        List.of(0, 0, 0, 100, 100, 50));
    assertNull(back.id());
    assertNull(back.name());
    assertTrue(back.color() == null || back.color().equals(Color.NONE), "colour " + back.color());
  }

  // --- the written layout -----------------------------------------------------------------------

  /** The writer MUST emit {@code <things>} as root without an XML declaration. */
  @Test
  public void writerEmitsThingsRootWithoutDeclaration() {
    String xml = text(fullDocument());
    assertTrue(xml.startsWith("<things>"), "starts with: " + xml.substring(0, 40));
    assertFalse(xml.contains("<?xml"), "an XML declaration was written");
    assertTrue(xml.endsWith("</things>\n"), "ends with: " + xml.substring(xml.length() - 20));
    assertEquals(xml.indexOf("<things"), xml.lastIndexOf("<things"), "one root");
  }

  /**
   * The writer MUST indent every element by two spaces per nesting level, one element per line, no
   * tabs.
   */
  @Test
  public void writerIndentsWithTwoSpaces() {
    String xml = text(fullDocument());
    assertFalse(xml.contains("\t"), "tab in output");
    int depth = 0;
    int lineNo = 0;
    for (String line : xml.split("\n")) {
      lineNo++;
      String trimmed = line.stripLeading();
      int indent = line.length() - trimmed.length();
      boolean closing = trimmed.startsWith("</");
      if (closing) {
        depth--;
      }
      assertEquals(indent, 2 * depth, "line " + lineNo + " '" + line + "'");
      assertTrue(trimmed.startsWith("<"), "line " + lineNo + " is not one element: '" + line + "'");
      boolean selfContained = trimmed.endsWith("/>") || (!closing && trimmed.contains("</"));
      if (!closing && !selfContained) {
        depth++;
      }
    }
    assertEquals(depth, 0, "unbalanced");
    assertTrue(xml.contains("\n  <parameters>\n    <experiment "), xml);
    assertTrue(xml.contains("\n  <thing id=\"1\""), xml);
    assertTrue(xml.contains("\n    <nodes>\n      <node id=\"1\""), xml);
    assertTrue(xml.contains("\n    <group name=\"outer\""), xml);
    assertTrue(xml.contains("\n      <group name=\"middle\""), xml);
    assertTrue(xml.contains("\n        <group name=\"inner\""), xml);
  }

  /**
   * The writer MUST emit the top-level elements in webKnossos' order: meta, parameters, thing,
   * branchpoints, comments, groups, volume.
   */
  @Test
  public void writerKeepsTheElementOrder() {
    String xml = text(fullDocument());
    List<String> order =
        List.of(
            "<meta ",
            "<parameters>",
            "<thing ",
            "<branchpoints>",
            "<comments>",
            "<groups>",
            "<volume ");
    int last = -1;
    for (String e : order) {
      int at = xml.indexOf("\n  " + e);
      assertTrue(at > last, e + " at " + at + " comes after the element before it (" + last + ")");
      last = at;
    }
    List<String> inParameters =
        List.of(
            "<experiment ",
            "<scale ",
            "<offset ",
            "<time ",
            "<editPosition ",
            "<editRotation ",
            "<zoomLevel ",
            "<activeNode ",
            "<userBoundingBox ",
            "<taskBoundingBox ");
    last = -1;
    for (String e : inParameters) {
      int at = xml.indexOf("\n    " + e);
      assertTrue(at > last, e + " at " + at + " comes after the element before it (" + last + ")");
      last = at;
    }
  }

  /**
   * The writer MUST write node positions as integers and colours of trees without colour as empty
   * strings.
   */
  @Test
  public void writerWritesIntegerPositionsAndEmptyColours() {
    Tree t = new Tree(1, null, "t", null, null, null, List.of(node(1, 10, -20, 30)), List.of());
    String xml = text(Nml.empty(NmlFixtures.parameters()).withTrees(List.of(t)));
    assertTrue(xml.contains(" x=\"10\" y=\"-20\" z=\"30\""), xml);
    assertTrue(xml.contains("color.r=\"\" color.g=\"\" color.b=\"\" color.a=\"\""), xml);
    assertTrue(xml.contains("<editPosition x=\"3200\" y=\"3300\" z=\"600\"/>"), xml);
  }

  // --- the reader's leniency --------------------------------------------------------------------

  /** The reader MUST round fractional node positions to the nearest integer. */
  @Test
  public void readerRoundsFractionalPositions() throws NmlException {
    Nml nml =
        read(
            doc(
                "  <thing id=\"1\" name=\"t\">\n    <nodes>\n"
                    + "      <node id=\"1\" x=\"1.5\" y=\"2.4\" z=\"2.6\"/>\n"
                    + "      <node id=\"2\" x=\"-2.6\" y=\"1000.49\" z=\"7.0\"/>\n"
                    + "    </nodes>\n  </thing>\n"));
    Node n1 = nml.trees().get(0).nodes().get(0);
    Node n2 = nml.trees().get(0).nodes().get(1);
    assertEquals(List.of(n1.x(), n1.y(), n1.z()), List.of(2, 2, 3));
    assertEquals(List.of(n2.x(), n2.y(), n2.z()), List.of(-3, 1000, 7));
  }

  /**
   * Missing node attributes MUST take their defaults: radius 1, rotations 0, inVp/inMag/bitDepth 0,
   * interpolation false, time 0.
   */
  @Test
  public void readerDefaultsMissingNodeAttributes() throws NmlException {
    Nml nml =
        read(
            doc(
                "  <thing id=\"1\">\n    <nodes>\n      <node id=\"7\" x=\"1\" y=\"2\" z=\"3\"/>\n    </nodes>\n  </thing>\n  <comments>\n    <comment node=\"7\"/>\n  </comments>\n"));
    Tree t = nml.trees().get(0);
    assertEquals(t.name(), "", "missing tree name");
    assertEquals(t.nodes().get(0), new Node(7, 1.0, 1, 2, 3, 0, 0, 0, 0, 0, 0, false, 0L));
    assertEquals(nml.comments(), List.of(new Comment(7, "")));
  }

  /** Empty attribute values MUST count as missing and take the defaults. */
  @Test
  public void readerDefaultsEmptyNodeAttributes() throws NmlException {
    Nml nml =
        read(
            doc(
                "  <thing id=\"1\">\n    <nodes>\n      <node id=\"7\" x=\"1\" y=\"2\" z=\"3\" radius=\"\" rotX=\"\" inVp=\"\" inMag=\"\" bitDepth=\"\" interpolation=\"\" time=\"\"/>\n    </nodes>\n  </thing>\n"));
    assertEquals(
        nml.trees().get(0).nodes().get(0), new Node(7, 1.0, 1, 2, 3, 0, 0, 0, 0, 0, 0, false, 0L));
  }

  /**
   * Unknown elements (at any level, with children) MUST be skipped without changing what is read.
   */
  @Test
  public void readerSkipsUnknownElements() throws NmlException {
    String plain =
        doc(
            "  <thing id=\"1\" name=\"t\">\n    <nodes>\n      <node id=\"1\" x=\"1\" y=\"1\" z=\"1\"/>\n"
                + "      <node id=\"2\" x=\"2\" y=\"2\" z=\"2\"/>\n    </nodes>\n"
                + "    <edges>\n      <edge source=\"1\" target=\"2\"/>\n    </edges>\n  </thing>\n"
                + "  <branchpoints>\n    <branchpoint id=\"1\" time=\"5\"/>\n  </branchpoints>\n"
                + "  <comments>\n    <comment node=\"2\" content=\"c\"/>\n  </comments>\n"
                + "  <groups>\n    <group id=\"1\" name=\"g\"/>\n  </groups>\n");
    String withUnknown =
        "<things>\n  <future version=\"9\"><thing id=\"99\" name=\"hidden\"><nodes><node id=\"99\" x=\"0\" y=\"0\" z=\"0\"/></nodes></thing></future>\n"
            + "  <parameters>\n    <experiment name=\"l4_sample\" organization=\"Organization_X\"/>\n"
            + "    <additionalAxes><additionalAxis name=\"t\" index=\"0\" start=\"0\" end=\"10\"/></additionalAxes>\n"
            + "    <scale x=\"1.0\" y=\"1.0\" z=\"1.0\"/>\n    <somethingNew a=\"b\"><deeper><activeNode id=\"42\"/></deeper></somethingNew>\n"
            + "  </parameters>\n"
            + "  <thing id=\"1\" name=\"t\">\n    <metadata><entry key=\"k\"/></metadata>\n    <nodes>\n      <node id=\"1\" x=\"1\" y=\"1\" z=\"1\"/>\n"
            + "      <unknownNode id=\"55\"/>\n      <node id=\"2\" x=\"2\" y=\"2\" z=\"2\"/>\n    </nodes>\n"
            + "    <edges>\n      <edge source=\"1\" target=\"2\"/>\n      <hyperedge source=\"1\"/>\n    </edges>\n  </thing>\n"
            + "  <branchpoints>\n    <branchpoint id=\"1\" time=\"5\"/>\n    <other id=\"3\"/>\n  </branchpoints>\n"
            + "  <comments>\n    <comment node=\"2\" content=\"c\"/>\n    <note node=\"1\" content=\"x\"/>\n  </comments>\n"
            + "  <groups>\n    <group id=\"1\" name=\"g\"/>\n    <folder id=\"9\"><group id=\"8\" name=\"hidden\"/></folder>\n  </groups>\n"
            + "  <annotationMetadata><group id=\"77\"/></annotationMetadata>\n"
            + "</things>\n";
    Nml expected = read(plain);
    Nml actual = read(withUnknown);
    assertEquals(actual, expected);
    assertEquals(actual.nodeCount(), 2);
    assertNull(
        actual.parameters().activeNode(), "an activeNode inside an unknown element was read");
  }

  // --- what the reader refuses ------------------------------------------------------------------

  private static void assertRefused(String what, byte[] bytes) {
    try {
      Nml n = NmlReader.read(bytes);
      fail(what + " was read as " + n);
    } catch (NmlException expected) {
      assertTrue(
          expected.getMessage() != null && !expected.getMessage().isBlank(), what + ": no message");
    } catch (RuntimeException e) {
      fail(what + " threw " + e + " instead of NmlException", e);
    }
  }

  private static void assertRefused(String what, String xml) {
    assertRefused(what, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Input that is not XML MUST be refused with NmlException. */
  @Test
  public void readerRefusesNonXml() {
    assertRefused("empty input", new byte[0]);
    assertRefused("plain text", "this is not xml");
    assertRefused("JSON", "{\"things\":[]}");
    assertRefused("unclosed root", "<things><parameters/>");
    assertRefused("truncated document", doc("  <thing id=\"1\">\n").substring(0, 120));
    assertRefused("mismatched tags", "<things><parameters></things></parameters>");
    assertRefused("binary", new byte[] {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 0x7F});
  }

  /**
   * Content after the root element (a second root, text) is not well-formed XML and MUST be refused
   * with NmlException, as webKnossos' parser does; it must not be silently dropped.
   */
  @Test
  public void readerRefusesContentAfterTheRoot() {
    assertRefused("two roots", doc("") + "<things><parameters/></things>");
    assertRefused("text after the root", doc("") + "trailing garbage");
    assertRefused("an unclosed element after the root", doc("") + "<thing id=\"1\">");
  }

  /** A root element other than {@code <things>} MUST be refused with NmlException. */
  @Test
  public void readerRefusesAWrongRoot() {
    assertRefused("<nml> root", "<nml><parameters/></nml>");
    assertRefused("<html> root", "<!DOCTYPE html><html><body>hi</body></html>");
    assertRefused("<parameters> root", "<parameters><experiment name=\"x\"/></parameters>");
    assertRefused("namespaced root", "<x:thing xmlns:x=\"urn:x\"><parameters/></x:thing>");
  }

  /** A document without {@code <parameters>} MUST be refused with NmlException. */
  @Test
  public void readerRefusesMissingParameters() {
    assertRefused("no parameters", "<things>\n  <thing id=\"1\"/>\n</things>");
    assertRefused("empty things", "<things/>");
    assertRefused("parameters only nested", "<things><other><parameters/></other></things>");
  }

  /**
   * Non-integer ids of nodes (and trees, edges, comments, groups, branchpoints) MUST be refused
   * with NmlException.
   */
  @Test
  public void readerRefusesNonIntegerIds() {
    for (String id : List.of("1.5", "abc", "", "1e3", "99999999999")) {
      assertRefused(
          "node id '" + id + "'",
          doc(
              "  <thing id=\"1\"><nodes><node id=\""
                  + id
                  + "\" x=\"1\" y=\"1\" z=\"1\"/></nodes></thing>\n"));
    }
    assertRefused(
        "node without id",
        doc("  <thing id=\"1\"><nodes><node x=\"1\" y=\"1\" z=\"1\"/></nodes></thing>\n"));
    assertRefused("tree id", doc("  <thing id=\"one\"/>\n"));
    assertRefused(
        "edge source",
        doc("  <thing id=\"1\"><edges><edge source=\"a\" target=\"1\"/></edges></thing>\n"));
    assertRefused(
        "comment node", doc("  <comments><comment node=\"x\" content=\"c\"/></comments>\n"));
    assertRefused("group id", doc("  <groups><group id=\"g\" name=\"g\"/></groups>\n"));
    assertRefused(
        "branchpoint id", doc("  <branchpoints><branchpoint id=\"1.5\"/></branchpoints>\n"));
  }

  /**
   * A DOCTYPE with an external entity MUST be refused with NmlException when the entity is used,
   * and the referenced file MUST never be read: its content appears nowhere.
   */
  @Test
  public void readerRefusesExternalEntitiesWithoutReadingTheFile() throws IOException {
    try (SecretFile secret = SecretFile.create("NML_XXE_MARKER_", "wkcheck-nml-xxe")) {
      String marker = secret.marker();
      String doctype = SecretFile.entityDoctype(secret.uri());
      String inAttribute =
          doctype + doc("  <comments><comment node=\"1\" content=\"&xxe;\"/></comments>\n");
      String inText = doctype + doc("  <extra>&xxe;</extra>\n");
      String inExperiment = doctype + doc("").replace("name=\"l4_sample\"", "name=\"&xxe;\"");
      for (String xml : List.of(inAttribute, inText, inExperiment)) {
        try {
          Nml n = read(xml);
          fail("a document using an external entity was read: " + n);
        } catch (NmlException e) {
          assertFalse(
              String.valueOf(e.getMessage()).contains(marker),
              "the file was read: " + e.getMessage());
        }
      }
    }
  }

  /**
   * The reader MUST NOT fetch external entities or DTDs, used or not: a local HTTP server they
   * point at receives no request, and if such a document is read at all, nothing of the fetched
   * text appears in it.
   */
  @Test
  public void readerNeverFetchesExternalResources() throws IOException {
    String marker = "FETCHED_MARKER_" + System.nanoTime();
    AtomicInteger requests = new AtomicInteger();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          byte[] b = marker.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/entity";
      List<String> docs = new ArrayList<>();
      docs.add(
          SecretFile.entityDoctype(url)
              + doc("  <comments><comment node=\"1\" content=\"&xxe;\"/></comments>\n"));
      docs.add(SecretFile.entityDoctype(url) + doc(""));
      docs.add("<!DOCTYPE things [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n" + doc(""));
      docs.add("<!DOCTYPE things SYSTEM \"" + url + "\">\n" + doc(""));
      docs.add(
          "<?xml version=\"1.0\"?>\n<!DOCTYPE things PUBLIC \"-//x//y\" \""
              + url
              + "\">\n"
              + doc(""));
      for (String xml : docs) {
        try {
          Nml n = read(xml);
          assertFalse(n.toString().contains(marker), "fetched text in the document: " + n);
        } catch (NmlException e) {
          assertFalse(String.valueOf(e.getMessage()).contains(marker), e.getMessage());
        }
      }
      assertEquals(requests.get(), 0, "the reader fetched external resources");
    } finally {
      http.stop(0);
    }
  }

  /** Internal entity bombs ("billion laughs") MUST be refused with NmlException, not expanded. */
  @Test
  public void readerRefusesEntityExpansion() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE things [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY l")
          .append(i)
          .append(" \"")
          .append(("&l" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>\n");
    assertRefused(
        "billion laughs",
        dtd + doc("  <comments><comment node=\"1\" content=\"&l10;\"/></comments>\n"));
  }
}
