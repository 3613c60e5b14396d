package org.wkcheck.nml;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.testng.Reporter;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.contract.NmlSchema;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Experiment;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.Nml.Volume;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code schemas/nml/nml.xsd}, the NML layout as the webKnossos server writes it (facts file
 * section 10): documents written here by {@link NmlWriter} and by hand pass, broken ones fail for
 * the reason they are named after, and every server-written NML in {@code ../shared/real-data/nml}
 * (read there, never copied) passes.
 */
public class NmlSchemaTest {
  static final Path XSD = Path.of("schemas", "nml", "nml.xsd");
  private static final Path REAL_NMLS = Path.of("..", "shared", "real-data", "nml");
  private static final String SERVER_WRITER = "<meta name=\"writer\" content=\"NmlWriter.scala\"";

  private Schema schema;

  @BeforeClass
  public void loadSchema() throws SAXException {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    schema = factory.newSchema(XSD.toFile());
  }

  /**
   * What the schema finds wrong with a document, empty if it is valid: {@code "fatal: ..."} when it
   * is not well-formed XML (parsing stops there), {@code "error: ..."} for each schema violation.
   */
  List<String> problems(byte[] document) {
    List<String> found = new ArrayList<>();
    Validator validator = NmlSchema.closedValidator(schema);
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {
            // warnings do not make a document invalid
          }

          @Override
          public void error(SAXParseException e) {
            found.add("error: " + e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            found.add("fatal: " + e.getMessage());
            throw e;
          }
        });
    try {
      validator.validate(new StreamSource(new ByteArrayInputStream(document)));
    } catch (SAXException e) {
      if (found.isEmpty()) {
        found.add("fatal: " + e.getMessage());
      }
    } catch (IOException e) {
      found.add("fatal: " + e);
    }
    return found;
  }

  List<String> problems(String document) {
    return problems(document.getBytes(StandardCharsets.UTF_8));
  }

  private void assertValid(String what, byte[] document) {
    List<String> found = problems(document);
    assertTrue(
        found.isEmpty(),
        what
            + " MUST validate, found "
            + found
            + "\n"
            + new String(document, StandardCharsets.UTF_8));
  }

  /** The document MUST fail schema validation with a message containing every fragment. */
  private void assertSchemaError(String document, String... fragments) {
    List<String> found = problems(document);
    assertFalse(found.isEmpty(), "document MUST be rejected:\n" + document);
    assertTrue(found.get(0).startsWith("error: "), "a schema violation, not " + found);
    String all = String.join("\n", found);
    for (String fragment : fragments) {
      assertTrue(all.contains(fragment), "expected '" + fragment + "' in " + found);
    }
  }

  /** The document MUST fail as not well-formed XML. */
  private void assertNotWellFormed(byte[] document) {
    List<String> found = problems(document);
    assertFalse(found.isEmpty(), "document MUST be rejected");
    assertTrue(found.get(found.size() - 1).startsWith("fatal: "), "a parse error, not " + found);
  }

  // --- fixtures ---------------------------------------------------------------------------------

  private static Node node(int id, int x, int y, int z) {
    return new Node(
        id, 1.0 + id, x, y, z, 0.0, 90.0, -180.5, 1, 2, 8, id % 2 == 0, 1_600_000_000_000L + id);
  }

  /** Everything {@link Nml} can hold, consistent the way the server's data is. */
  static Nml fullDocument() {
    // the shared parameters with a dataset id, the scale as a float widened to double, and boxes
    // without their optional attributes
    Parameters shared = NmlFixtures.parameters();
    Parameters parameters =
        shared
            .withExperiment(
                new Experiment(
                    "l4_sample",
                    "Organization_X",
                    "a <description> & \"quotes\"",
                    "http://localhost:9000",
                    "59e9cfbdba632ac2ab8b23b5"))
            .withScaleAndTime(new Vec3d(11.239999771118164, 11.24, 28.0), shared.time())
            .withBoxes(
                List.of(
                    shared.userBoundingBoxes().get(0),
                    new BoundingBox(3, null, null, null, -5, 0, 5, 1, 1, 1)),
                new BoundingBox(null, null, null, null, 3000, 3000, 500, 512, 512, 256));
    Tree coloured = NmlFixtures.redChain("coloured tree", NmlSchemaTest::node);
    Tree colourless =
        NmlFixtures.visiblePair(
            null, "tree without colour", node(4, 100, 100, 100), node(5, -1, 0, 1));
    Tree partlyColoured =
        NmlFixtures.hiddenSingle(new Color(0.25, null, null, null), node(10, 7, 8, 9));
    Tree empty = new Tree(6, Color.NONE, "", 10, null, null, List.of(), List.of());
    List<Group> groups = NmlFixtures.nestedGroups();
    Volume volume =
        NmlFixtures.volume(
            "zarr3", NmlFixtures.segmentFour("color.g", "0.5", "color.b", "0.5", "color.a", "1.0"));
    Volume bare = NmlFixtures.bareVolume("wkw");
    return new Nml(
        List.of(
            new Meta("writer", "NmlSchemaTest"),
            new Meta("timestamp", "1600000000000"),
            new Meta("annotationId", "0123456789abcdef01234567"),
            new Meta("username", "Ümlaut Üser")),
        parameters,
        List.of(coloured, colourless, partlyColoured, empty),
        List.of(new Branchpoint(2, 1_600_000_000_123L), new Branchpoint(4, null)),
        List.of(new Comment(3, "a comment with <brackets> & ümlauts 😀"), new Comment(10, "")),
        groups,
        List.of(volume, bare));
  }

  private static String fullText() {
    return new String(NmlWriter.toBytes(fullDocument()), StandardCharsets.UTF_8);
  }

  /** A small valid document: the two parameters every document needs, then {@code body}. */
  private static String minimal(String body) {
    return "<things>\n  <parameters>\n    <experiment name=\"l4_sample\"/>\n"
        + "    <scale x=\"11.24\" y=\"11.24\" z=\"28.0\"/>\n  </parameters>\n"
        + body
        + "</things>\n";
  }

  private static final String NODE_ATTRIBUTES =
      "radius=\"1.0\" x=\"1\" y=\"2\" z=\"3\" rotX=\"0.0\" rotY=\"0.0\" rotZ=\"0.0\""
          + " inVp=\"0\" inMag=\"0\" bitDepth=\"8\" interpolation=\"false\" time=\"1\"";

  /** One tree {@code id} with nodes {@code nodeIds} and the given edges element content. */
  private static String tree(String treeAttributes, String nodes, String edges) {
    return "  <thing "
        + treeAttributes
        + " color.r=\"1.0\" color.g=\"0.0\" color.b=\"0.0\" color.a=\"1.0\" name=\"t\">\n"
        + "    <nodes>"
        + nodes
        + "</nodes>\n    <edges>"
        + edges
        + "</edges>\n  </thing>\n";
  }

  private static String node(String id) {
    return "<node id=\"" + id + "\" " + NODE_ATTRIBUTES + "/>";
  }

  // --- documents that pass ----------------------------------------------------------------------

  /**
   * NmlWriter's output of a full document MUST validate: trees with colours, without and with
   * partial ones, nested groups, comments, branchpoints, user and task bounding boxes (with and
   * without id and colour), volumes with segments and segment groups.
   */
  @Test
  public void fullDocumentWrittenByNmlWriterIsValid() {
    byte[] written = NmlWriter.toBytes(fullDocument());
    String text = new String(written, StandardCharsets.UTF_8);
    assertTrue(text.contains("color.r=\"\""), "the colourless tree is written with empty colours");
    assertTrue(text.contains("<taskBoundingBox "), text);
    assertValid("NmlWriter's full document", written);
  }

  /** NmlWriter's output of an empty skeleton (Parameters.of: no time, no zoomLevel) validates. */
  @Test
  public void minimalDocumentWrittenByNmlWriterIsValid() {
    Nml minimal =
        Nml.empty(Parameters.of("l4_sample", "Organization_X", new Vec3d(11.24, 11.24, 28)));
    assertValid("NmlWriter's minimal document", NmlWriter.toBytes(minimal));
  }

  /** Root, parameters with experiment and scale: nothing else is required. */
  @Test
  public void minimalHandWrittenDocumentIsValid() {
    assertValid("minimal document", minimal("").getBytes(StandardCharsets.UTF_8));
  }

  /** An XML declaration is allowed though the server writes none. */
  @Test
  public void xmlDeclarationIsAllowed() {
    String withDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + fullText();
    assertValid("document with XML declaration", withDeclaration.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What later server versions add MUST validate: additional coordinates on nodes and the edit
   * position, additionalAxes, a task bounding box, tree and segment metadata, mapping attributes
   * and the "volume data omitted" comment on a volume, attributes unknown today.
   */
  @Test
  public void laterVersionAdditionsAreValid() {
    String doc =
        "<things>\n"
            + "  <meta name=\"writer\" content=\"NmlWriter.scala\"/>\n"
            + "  <parameters>\n"
            + "    <experiment name=\"ds\" organization=\"org\" datasetId=\"67b7c81b0100004d00f5ab31\""
            + " description=\"\" wkUrl=\"https://webknossos.org\" someFutureAttribute=\"x\"/>\n"
            + "    <scale x=\"1.0E-4\" y=\"-1\" z=\"28.0\" unit=\"micrometer\"/>\n"
            + "    <offset x=\"0\" y=\"0\" z=\"0\"/>\n"
            + "    <time ms=\"1740000000000\"/>\n"
            + "    <editPosition x=\"1\" y=\"2\" z=\"3\" additionalCoordinate-t=\"4\"/>\n"
            + "    <editRotation xRot=\"0.0\" yRot=\"0.0\" zRot=\"0.0\"/>\n"
            + "    <zoomLevel zoom=\"1.0\"/>\n"
            + "    <activeNode id=\"1\"/>\n"
            + "    <userBoundingBox id=\"1\" name=\"b\" isVisible=\"true\" color.r=\"\" color.g=\"\""
            + " color.b=\"\" color.a=\"\" topLeftX=\"0\" topLeftY=\"0\" topLeftZ=\"0\" width=\"1\""
            + " height=\"1\" depth=\"1\"/>\n"
            + "    <taskBoundingBox topLeftX=\"0\" topLeftY=\"0\" topLeftZ=\"0\" width=\"10\""
            + " height=\"10\" depth=\"10\"/>\n"
            + "    <additionalAxes>\n"
            + "      <additionalAxis name=\"t\" index=\"0\" start=\"0\" end=\"10\"/>\n"
            + "    </additionalAxes>\n"
            + "  </parameters>\n"
            + "  <thing id=\"1\" color.r=\"\" color.g=\"\" color.b=\"\" color.a=\"\" name=\"t\""
            + " groupId=\"1\" type=\"AGGLOMERATE\" isVisible=\"false\">\n"
            + "    <nodes><node id=\"1\" "
            + NODE_ATTRIBUTES
            + " additionalCoordinate-t=\"4\"/></nodes>\n"
            + "    <edges/>\n"
            + "    <metadata>\n"
            + "      <metadataEntry key=\"k\" stringValue=\"v\"/>\n"
            + "      <metadataEntry key=\"l\" stringListValue-0=\"a\" stringListValue-1=\"b\"/>\n"
            + "    </metadata>\n"
            + "  </thing>\n"
            + "  <branchpoints><branchpoint id=\"1\" time=\"2\"/></branchpoints>\n"
            + "  <comments><comment node=\"1\" content=\"c\"/></comments>\n"
            + "  <groups><group name=\"g\" id=\"1\" isExpanded=\"false\"/></groups>\n"
            + "  <volume id=\"0\" name=\"Volume\" fallbackLayer=\"segmentation\""
            + " largestSegmentId=\"9007199254740991\" mappingName=\"agglomerate_view_70\""
            + " mappingIsLocked=\"true\">\n"
            + "    <!--Note that volume data was omitted when downloading this annotation.-->\n"
            + "    <segments>\n"
            + "      <segment id=\"9007199254740991\" created=\"1\" anchorPositionX=\"1\""
            + " anchorPositionY=\"2\" anchorPositionZ=\"3\" additionalCoordinate-t=\"4\""
            + " color.r=\"0.1\" color.g=\"0.2\" color.b=\"0.3\" color.a=\"1.0\" groupId=\"7\">\n"
            + "        <metadata><metadataEntry key=\"n\" numberValue=\"1.5\"/></metadata>\n"
            + "      </segment>\n"
            + "    </segments>\n"
            + "    <groups><group name=\"segment group\" id=\"7\"/></groups>\n"
            + "  </volume>\n"
            + "</things>\n";
    assertValid("later-version document", doc.getBytes(StandardCharsets.UTF_8));
  }

  /** A volume-only annotation from a newer server has no branchpoints, comments and groups. */
  @Test
  public void volumeOnlyDocumentWithoutSkeletonSectionsIsValid() {
    String doc =
        minimal(
            "  <volume id=\"0\" name=\"Volume\" location=\"data.zip\" format=\"wkw\">\n"
                + "    <segments/>\n    <groups/>\n  </volume>\n");
    assertValid("volume-only document", doc.getBytes(StandardCharsets.UTF_8));
  }

  // --- documents that fail ----------------------------------------------------------------------

  @Test
  public void wrongRootElementIsRejected() {
    String doc = fullText().replace("<things>", "<nml>").replace("</things>", "</nml>");
    assertSchemaError(doc, "cvc-elt.1", "'nml'");
  }

  @Test
  public void missingParametersIsRejected() {
    String full = fullText();
    String doc =
        full.substring(0, full.indexOf("<parameters>"))
            + full.substring(full.indexOf("</parameters>") + "</parameters>".length());
    assertSchemaError(doc, "cvc-complex-type.2.4", "parameters");
  }

  @Test
  public void emptyRootIsRejected() {
    assertSchemaError("<things/>", "cvc-complex-type.2.4", "parameters");
  }

  @Test
  public void nodeWithoutIdIsRejected() {
    String doc = minimal(tree("id=\"1\"", "<node " + NODE_ATTRIBUTES + "/>", ""));
    assertSchemaError(doc, "cvc-complex-type.4", "'id'", "'node'");
  }

  /**
   * Changes of the full document that break its schema: what, the text replaced, its replacement,
   * text the changed document must then hold (or null), and fragments of the expected error.
   */
  @DataProvider
  public Object[][] brokenFullDocuments() {
    return new Object[][] {
      {
        "node id not an integer",
        "<node id=\"1\"",
        "<node id=\"abc\"",
        "id=\"abc\"",
        new String[] {"'abc'", "'id'", "'node'"}
      },
      {
        "edge without source",
        "<edge source=\"1\" target=\"2\"",
        "<edge target=\"2\"",
        "<edge target=\"2\"",
        new String[] {"cvc-complex-type.4", "'source'", "'edge'"}
      },
      {
        "edge without target",
        "<edge source=\"1\" target=\"2\"",
        "<edge source=\"1\"",
        "<edge source=\"1\"/>",
        new String[] {"cvc-complex-type.4", "'target'", "'edge'"}
      },
      {
        "thing without id",
        "<thing id=\"1\" ",
        "<thing ",
        null,
        new String[] {"cvc-complex-type.4", "'id'", "'thing'"}
      },
      // the server writes integer voxel positions; a fractional one is not server output
      {
        "fractional node position",
        "x=\"3200\" y=\"3200\"",
        "x=\"3200.5\" y=\"3200\"",
        "3200.5",
        new String[] {"'3200.5'"}
      },
      {"non-numeric colour", "color.r=\"1.0\"", "color.r=\"red\"", null, new String[] {"'red'"}},
    };
  }

  /** The full document, broken by one change, MUST be rejected with the expected error. */
  @Test(dataProvider = "brokenFullDocuments")
  public void brokenFullDocumentsAreRejected(
      String what, String from, String to, String mustHold, String[] fragments) {
    String doc = fullText().replace(from, to);
    if (mustHold != null) {
      assertTrue(doc.contains(mustHold), what);
    }
    assertSchemaError(doc, fragments);
  }

  @Test
  public void truncatedDocumentIsRejected() {
    byte[] full = NmlWriter.toBytes(fullDocument());
    byte[] half = new byte[full.length / 2];
    System.arraycopy(full, 0, half, 0, half.length);
    assertNotWellFormed(half);
  }

  @Test
  public void documentWithoutItsClosingRootTagIsRejected() {
    String full = fullText();
    assertNotWellFormed(
        full.substring(0, full.lastIndexOf("</things>")).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  public void notXmlAtAllIsRejected() {
    assertNotWellFormed(
        "{\"messages\":[{\"error\":\"Annotation couldn't be found\"}]}"
            .getBytes(StandardCharsets.UTF_8));
    assertNotWellFormed(new byte[0]);
  }

  /** Documents that break one of the schema's keys or keyrefs, and the constraint they break. */
  @DataProvider
  public Object[][] identityConstraintViolations() {
    return new Object[][] {
      {
        "duplicate node id",
        tree("id=\"1\"", node("1"), "")
            + tree("id=\"2\"", node("1"), "").replace("name=\"t\"", "name=\"u\""),
        "nodeId"
      },
      {
        "duplicate tree id",
        tree("id=\"1\"", node("1"), "") + tree("id=\"1\"", node("2"), ""),
        "treeId"
      },
      {
        "edge to a node of another tree",
        tree("id=\"1\"", node("1") + node("2"), "<edge source=\"1\" target=\"2\"/>")
            + tree("id=\"2\"", node("3"), "<edge source=\"3\" target=\"1\"/>"),
        "edgeTarget"
      },
      {
        "comment on a missing node",
        tree("id=\"1\"", node("1"), "")
            + "  <comments><comment node=\"99\" content=\"c\"/></comments>\n",
        "commentNode"
      },
      {
        "branchpoint on a missing node",
        tree("id=\"1\"", node("1"), "")
            + "  <branchpoints><branchpoint id=\"99\" time=\"1\"/></branchpoints>\n",
        "branchpointNode"
      },
      {
        "tree in a missing group",
        tree("id=\"1\" groupId=\"5\"", node("1"), "")
            + "  <groups><group name=\"g\" id=\"6\"/></groups>\n",
        "treeGroupRef"
      },
      {
        "duplicate tree group id",
        "  <groups><group name=\"g\" id=\"6\"><group name=\"h\" id=\"6\"/></group></groups>\n",
        "treeGroupId"
      },
    };
  }

  /** A document that breaks a key or keyref MUST be rejected, naming the constraint. */
  @Test(dataProvider = "identityConstraintViolations")
  public void identityConstraintViolationsAreRejected(String what, String body, String constraint) {
    assertSchemaError(minimal(body), "cvc-identity-constraint", constraint);
  }

  /** A tree's groupId with no tree groups at all (Xerces reports the keyref as out of scope). */
  @Test
  public void treeInAGroupWhenThereAreNoGroupsIsRejected() {
    String doc = minimal(tree("id=\"1\" groupId=\"5\"", node("1"), ""));
    assertSchemaError(doc);
  }

  @Test
  public void sectionsOutOfTheServersOrderAreRejected() {
    String doc = minimal("  <comments/>\n  <branchpoints/>\n");
    assertSchemaError(doc, "cvc-complex-type.2.4", "branchpoints");
  }

  // --- real NML files ---------------------------------------------------------------------------

  private static List<Path> realNmls() throws IOException {
    if (!Files.isDirectory(REAL_NMLS)) {
      throw new SkipException("no real NML files at " + REAL_NMLS.toAbsolutePath());
    }
    try (Stream<Path> files = Files.list(REAL_NMLS)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".nml"))
          .sorted()
          .toList();
    }
  }

  private static boolean serverWritten(byte[] content) {
    return new String(content, StandardCharsets.UTF_8).contains(SERVER_WRITER);
  }

  private static void report(String line) {
    Reporter.log(line);
    System.out.println(line);
  }

  /** Every NML written by webKnossos' NmlWriter.scala (API versions 2022 to 2025) MUST validate. */
  @Test
  public void everyServerWrittenNmlIsValid() throws IOException {
    int total = 0;
    List<String> failures = new ArrayList<>();
    for (Path p : realNmls()) {
      byte[] content = Files.readAllBytes(p);
      if (!serverWritten(content)) {
        continue;
      }
      total++;
      List<String> found = problems(content);
      if (!found.isEmpty()) {
        failures.add(p.getFileName() + ": " + found.get(0));
      }
    }
    if (total == 0) {
      throw new SkipException("no server-written NML files in " + REAL_NMLS.toAbsolutePath());
    }
    report((total - failures.size()) + " of " + total + " server-written NMLs valid");
    assertEquals(failures, List.of(), "server-written NMLs that do not validate");
  }

  /** The other NMLs (Python client, frontend, hand-made) are reported, not required to pass. */
  @Test
  public void otherNmlsAreReported() throws IOException {
    int total = 0;
    int valid = 0;
    for (Path p : realNmls()) {
      byte[] content = Files.readAllBytes(p);
      if (serverWritten(content)) {
        continue;
      }
      total++;
      List<String> found = problems(content);
      if (found.isEmpty()) {
        valid++;
      } else {
        report("  not valid (not required): " + p.getFileName() + ": " + found.get(0));
      }
    }
    if (total == 0) {
      throw new SkipException("no NML files but server-written ones in " + REAL_NMLS);
    }
    report(valid + " of " + total + " other (not server-written) NMLs valid");
  }
}
