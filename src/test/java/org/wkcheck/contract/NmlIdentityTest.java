package org.wkcheck.contract;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The NML schema's two ways of checking its identity constraints (unique ids, edges within their
 * tree, comments and branchpoints on existing nodes, tree groups): the XSD's own (quadratic) and
 * the linear one used for big documents MUST report the same violations, in the same words, at the
 * same places; bounds refuse what no NML is.
 */
public class NmlIdentityTest {
  private static final NmlSchema NML = Contract.documented().nmlSchema("nml/nml.xsd");

  private static String node(String id) {
    return "      <node id=\""
        + id
        + "\" radius=\"1\" x=\"1\" y=\"2\" z=\"3\" rotX=\"0\" rotY=\"0\" rotZ=\"0\" inVp=\"0\""
        + " inMag=\"0\" bitDepth=\"8\" interpolation=\"false\" time=\"0\"/>\n";
  }

  private static String thing(String id, String attributes, String nodes, String edges) {
    return "  <thing id=\""
        + id
        + "\" color.r=\"1\" color.g=\"0\" color.b=\"0\" color.a=\"1\" name=\"t\""
        + attributes
        + ">\n    <nodes>\n"
        + nodes
        + "    </nodes>\n    <edges>\n"
        + edges
        + "    </edges>\n  </thing>\n";
  }

  private static byte[] nml(String things, String tail) {
    return ("<things>\n  <parameters><experiment name=\"ds\"/><scale x=\"1\" y=\"1\" z=\"1\"/>"
            + "</parameters>\n"
            + things
            + tail
            + "</things>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<Violation> xsdPath(byte[] doc) throws InputRefused {
    return NML.check(doc, NmlSchema.IdentityCheck.XSD);
  }

  private static List<Violation> linearPath(byte[] doc) throws InputRefused {
    return NML.check(doc, NmlSchema.IdentityCheck.LINEAR);
  }

  private static String joined(List<Violation> v) {
    return String.join("\n", v.stream().map(Violation::toString).toList());
  }

  /** The linear check MUST read every identity constraint nml.xsd declares, with its scope. */
  @Test
  public void everyConstraintOfTheXsdIsRead() throws Exception {
    javax.xml.parsers.DocumentBuilderFactory f =
        javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    org.w3c.dom.Document xsd =
        f.newDocumentBuilder().parse(Path.of("schemas", "nml", "nml.xsd").toFile());
    List<String> read =
        IdentityConstraints.of(xsd, "nml/nml.xsd").constraints().stream()
            .map(
                c ->
                    c.kind()
                        + " "
                        + c.name()
                        + " on "
                        + String.join("/", c.scope())
                        + ": "
                        + c.selectors().stream()
                            .map(s -> (s.descendant() ? ".//" : "") + String.join("/", s.steps()))
                            .toList()
                        + " @"
                        + c.field()
                        + (c.refer() == null ? "" : " -> " + c.refer()))
            .toList();
    assertEquals(
        read,
        List.of(
            "UNIQUE treeNodeId on things/thing: [nodes/node] @id",
            "KEYREF edgeSource on things/thing: [edges/edge] @source -> treeNodeId",
            "KEYREF edgeTarget on things/thing: [edges/edge] @target -> treeNodeId",
            "UNIQUE treeGroupId on things/groups: [.//group] @id",
            "UNIQUE treeId on things: [thing] @id",
            "UNIQUE nodeId on things: [thing/nodes/node] @id",
            "KEYREF commentNode on things: [comments/comment] @node -> nodeId",
            "KEYREF branchpointNode on things: [branchpoints/branchpoint] @id -> nodeId",
            "KEYREF treeGroupRef on things: [thing] @groupId -> treeGroupId"));
  }

  /** A duplicate node id MUST be reported by both paths, identically. */
  @Test
  public void aDuplicateNodeIdIsReportedByBothPaths() throws InputRefused {
    byte[] doc = nml(thing("1", "", node("1") + node("2") + node("1"), ""), "");
    List<Violation> xsd = xsdPath(doc);
    List<Violation> linear = linearPath(doc);
    assertEquals(joined(linear), joined(xsd));
    assertTrue(
        joined(xsd)
            .contains(
                "Duplicate unique value [1] declared for identity constraint \"nodeId\" of"
                    + " element \"things\""),
        joined(xsd));
    assertTrue(joined(xsd).contains("\"treeNodeId\" of element \"thing\""), joined(xsd));
    assertEquals(xsd.get(0).pointer(), "line 7:" + (node("1").length()), "at the repeating node");
  }

  /** Every kind of identity violation nml.xsd declares MUST come out the same both ways. */
  @Test
  public void everyIdentityViolationIsReportedTheSameBothWays() throws InputRefused {
    String edgesOfA =
        "      <edge source=\"1\" target=\"2\"/>\n"
            + "      <edge source=\"2\" target=\"9\"/>\n" // no node 9
            + "      <edge source=\"7\" target=\"9\"/>\n" // two missing: Xerces names the first
            + "      <edge source=\"2\" target=\"3\"/>\n"; // node 3 is in another tree
    String things =
        thing("1", " groupId=\"7\"", node("1") + node("2") + node("01"), edgesOfA)
            + thing("1", "", node("3") + node(" 2 ") + node("x"), "") // tree 1 again; "x" is no int
            + thing("4", " groupId=\"3\"", "", "      <edge source=\"3\" target=\"3\"/>\n");
    String tail =
        "  <branchpoints><branchpoint id=\"5\"/><branchpoint id=\"1\"/></branchpoints>\n"
            + "  <comments><comment node=\"6\" content=\"c\"/><comment node=\"3\" content=\"c\"/>"
            + "</comments>\n"
            + "  <groups><group name=\"g\" id=\"3\"><group name=\"h\" id=\"+3\"/></group></groups>\n";
    byte[] doc = nml(things, tail);
    List<Violation> xsd = xsdPath(doc);
    List<Violation> linear = linearPath(doc);
    assertEquals(joined(linear), joined(xsd));
    String all = joined(xsd);
    for (String constraint :
        List.of(
            "nodeId",
            "treeNodeId",
            "treeId",
            "edgeTarget",
            "edgeSource",
            "branchpointNode",
            "commentNode",
            "treeGroupId",
            "treeGroupRef")) {
      assertTrue(
          all.contains("'" + constraint + "'") || all.contains("\"" + constraint + "\""),
          constraint + " in\n" + all);
    }
    assertTrue(all.contains("'x' is not a valid value for 'integer'"), all);
  }

  /**
   * A tree in a group when the document has no groups at all: the XSD says the key is out of scope
   * (naming the keyref by an object hash), the linear check says the same by the keyref's name.
   */
  @Test
  public void aGroupReferenceWithoutGroupsIsOutOfScopeBothWays() throws InputRefused {
    byte[] doc = nml(thing("1", " groupId=\"7\"", node("1"), ""), "");
    String xsd = joined(xsdPath(doc));
    String linear = joined(linearPath(doc));
    assertTrue(
        linear.contains(
            "identity constraint \"treeGroupRef\" has a keyref which refers to a key or unique that is out of scope"),
        linear);
    assertEquals(linear, xsd.replaceAll("\"KeyRef@[0-9a-f]+\"", "\"treeGroupRef\""));
  }

  /** Which path a document takes depends on how many elements the constraints select. */
  @Test
  public void bigDocumentsTakeTheLinearPath() throws InputRefused {
    int nodes = NmlSchema.IDENTITY_XSD_LIMIT / 2 + 1;
    StringBuilder n = new StringBuilder();
    StringBuilder e = new StringBuilder();
    for (int i = 1; i <= nodes; i++) {
      n.append(node(String.valueOf(i)));
      if (i > 1) {
        e.append("      <edge source=\"")
            .append(i - 1)
            .append("\" target=\"")
            .append(i)
            .append("\"/>\n");
      }
    }
    n.append(node("17")); // a duplicate near the end
    byte[] big = nml(thing("1", "", n.toString(), e.toString()), "");
    assertTrue(NML.selected(big) > NmlSchema.IDENTITY_XSD_LIMIT, "selected " + NML.selected(big));
    assertTrue(
        NML.selected(nml(thing("1", "", node("1"), ""), "")) <= NmlSchema.IDENTITY_XSD_LIMIT);
    List<Violation> v = NML.check(big);
    assertEquals(v.size(), 2, joined(v));
    assertTrue(joined(v).contains("Duplicate unique value [17]"), joined(v));
  }

  /** More violations than are listed MUST be counted, not kept. */
  @Test
  public void violationsAreCappedAndCounted() throws InputRefused {
    StringBuilder n = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      n.append("      <node id=\"1\"/>\n"); // 12 missing attributes and a duplicate each
    }
    byte[] doc = nml(thing("1", "", n.toString(), ""), "");
    for (List<Violation> v : List.of(xsdPath(doc), linearPath(doc))) {
      assertEquals(v.size(), NmlSchema.MAX_VIOLATIONS + 1);
      assertTrue(
          v.get(v.size() - 1).message().matches("\\d+ more violations not listed.*"),
          v.get(v.size() - 1).message());
    }
  }

  /** XML deeper than any NML, and a DOCTYPE (entity expansion), MUST be refused, not parsed. */
  @Test
  public void deepXmlAndDoctypesAreRefused() {
    String deep =
        "<things>"
            + "<a>".repeat(NmlSchema.MAX_DEPTH)
            + "</a>".repeat(NmlSchema.MAX_DEPTH)
            + "</things>";
    InputRefused e =
        expectThrows(InputRefused.class, () -> NML.check(deep.getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        e.getMessage().contains("nested deeper than " + NmlSchema.MAX_DEPTH), e.getMessage());
    List<Violation> asViolation = NML.validate(deep.getBytes(StandardCharsets.UTF_8));
    assertEquals(asViolation.size(), 1);
    assertEquals(asViolation.get(0).keyword(), "limit");
    String laughs =
        "<!DOCTYPE things [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + "<things>&b;</things>";
    e = expectThrows(InputRefused.class, () -> NML.check(laughs.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  /**
   * A schema whose identity constraints the linear check cannot evaluate MUST be refused when
   * loaded.
   */
  @Test
  public void unsupportedIdentityConstraintsAreRefusedAtLoad() throws IOException {
    Path dir = Files.createTempDirectory("wkcheck-xsd");
    try {
      Files.createDirectories(dir.resolve("nml"));
      Files.writeString(
          dir.resolve("nml/named.xsd"),
          "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
              + "<xs:complexType name=\"T\"><xs:sequence>"
              + "<xs:element name=\"e\" maxOccurs=\"unbounded\"><xs:complexType>"
              + "<xs:attribute name=\"id\" type=\"xs:int\"/></xs:complexType></xs:element>"
              + "<xs:element name=\"inner\"><xs:complexType/>"
              + "<xs:unique name=\"u\"><xs:selector xpath=\"e\"/><xs:field xpath=\"@id\"/></xs:unique>"
              + "</xs:element>"
              + "</xs:sequence></xs:complexType>"
              + "<xs:element name=\"root\" type=\"T\"/></xs:schema>");
      ContractFiles files = ContractFiles.folder(dir);
      ContractException e =
          expectThrows(ContractException.class, () -> new NmlSchema(files, "nml/named.xsd"));
      assertTrue(e.getMessage().contains("named type T"), e.getMessage());
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * Every real NML (../shared/real-data, read there, never copied) MUST get the same violations
   * both ways. One known difference is allowed: for a value that is not an integer at all (a type
   * violation both ways), Xerces names a stale value of another attribute in its identity message,
   * the linear check the value itself.
   */
  @Test
  public void realNmlsGetTheSameViolationsBothWays() throws IOException, InputRefused {
    Path real = Path.of("..", "shared", "real-data");
    if (!Files.isDirectory(real)) {
      throw new SkipException("no ../shared/real-data here");
    }
    List<Path> nmls = new ArrayList<>();
    try (Stream<Path> s = Files.walk(real)) {
      s.filter(p -> p.toString().endsWith(".nml")).sorted().forEach(nmls::add);
    }
    assertFalse(nmls.isEmpty());
    for (Path p : nmls) {
      byte[] doc = Files.readAllBytes(p);
      List<Violation> linear = linearPath(doc);
      List<Violation> xsd = xsdPath(doc);
      assertEquals(linear.size(), xsd.size(), p + "\n" + joined(linear) + "\n--\n" + joined(xsd));
      for (int i = 0; i < linear.size(); i++) {
        String l = linear.get(i).toString();
        String x = xsd.get(i).toString();
        Matcher m = IDENTITY_VALUE.matcher(l);
        if (!l.equals(x) && m.find() && !m.group(1).matches("[+-]?[0-9]+")) {
          assertEquals(
              IDENTITY_VALUE.matcher(l).replaceAll("'?'"),
              IDENTITY_VALUE.matcher(x).replaceAll("'?'"),
              p.toString());
        } else {
          assertEquals(l, x, p.toString());
        }
      }
    }
  }

  private static final Pattern IDENTITY_VALUE = Pattern.compile("(?<=with value )'([^']*)'");
}
