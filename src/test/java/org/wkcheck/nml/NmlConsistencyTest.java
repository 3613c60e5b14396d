package org.wkcheck.nml;

import static org.testng.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The consistency webKnossos demands of uploaded skeletons; each broken document is refused. */
public class NmlConsistencyTest {
  private static final String HEAD =
      "<things><parameters><experiment name=\"l4_sample\"/><scale x=\"1\" y=\"1\" z=\"1\"/></parameters>";

  private static Nml read(String body) throws NmlException {
    return NmlReader.read((HEAD + body + "</things>").getBytes(StandardCharsets.UTF_8));
  }

  private static String tree(int id, String groupId, String nodes, String edges) {
    return "<thing id=\""
        + id
        + "\" name=\"t\""
        + (groupId == null ? "" : " groupId=\"" + groupId + "\"")
        + "><nodes>"
        + nodes
        + "</nodes><edges>"
        + edges
        + "</edges></thing>";
  }

  private static String node(int id) {
    return "<node id=\"" + id + "\" x=\"1\" y=\"2\" z=\"3\"/>";
  }

  /** A consistent document MUST pass. */
  @Test
  public void consistentDocumentPasses() throws NmlException {
    NmlConsistency.check(
        read(
            tree(1, "5", node(1) + node(2), "<edge source=\"1\" target=\"2\"/>")
                + "<branchpoints><branchpoint id=\"2\"/></branchpoints>"
                + "<comments><comment node=\"1\" content=\"c\"/></comments>"
                + "<groups><group id=\"5\" name=\"g\"/></groups>"));
  }

  @DataProvider
  public Object[][] broken() {
    return new Object[][] {
      {"duplicate tree id", tree(1, null, node(1), "") + tree(1, null, node(2), "")},
      {"duplicate node id", tree(1, null, node(1), "") + tree(2, null, node(1), "")},
      {
        "edge leaving its tree",
        tree(1, null, node(1), "<edge source=\"1\" target=\"2\"/>") + tree(2, null, node(2), "")
      },
      {
        "comment on a missing node",
        tree(1, null, node(1), "") + "<comments><comment node=\"9\" content=\"c\"/></comments>"
      },
      {
        "branchpoint on a missing node",
        tree(1, null, node(1), "") + "<branchpoints><branchpoint id=\"9\"/></branchpoints>"
      },
      {"missing tree group", tree(1, "7", node(1), "")},
      {
        "duplicate group id",
        tree(1, null, node(1), "")
            + "<groups><group id=\"1\" name=\"a\"/><group id=\"1\" name=\"b\"/></groups>"
      },
    };
  }

  /** Each inconsistency MUST be refused with an NmlException. */
  @Test(dataProvider = "broken")
  public void inconsistentDocumentIsRefused(String what, String body) throws NmlException {
    Nml nml = read(body);
    assertThrows(NmlException.class, () -> NmlConsistency.check(nml));
  }

  /** Non-finite numbers ("NaN", "Infinity") MUST NOT be read as numbers. */
  @Test
  public void nonFiniteNumbersAreRefused() {
    assertThrows(
        NmlException.class,
        () ->
            read(
                tree(1, null, "<node id=\"1\" x=\"1\" y=\"2\" z=\"3\" radius=\"Infinity\"/>", "")));
    assertThrows(
        NmlException.class,
        () -> read(tree(1, null, "<node id=\"1\" x=\"NaN\" y=\"2\" z=\"3\"/>", "")));
  }
}
