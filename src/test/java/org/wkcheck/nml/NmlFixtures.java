package org.wkcheck.nml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Experiment;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Segment;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.Nml.Vec3i;
import org.wkcheck.nml.Nml.Volume;

/** The parts the full documents of NmlReaderWriterTest and NmlSchemaTest have in common. */
final class NmlFixtures {
  private NmlFixtures() {}

  /**
   * Parameters with every element: experiment, scale with its unit, offset, time, edit position and
   * rotation, zoom, active node 3, two user bounding boxes and a task bounding box.
   */
  static Parameters parameters() {
    return new Parameters(
        new Experiment(
            "l4_sample",
            "Organization_X",
            "a description with <>&\" and ü",
            "http://localhost:9000",
            null),
        new Vec3d(11.24, 11.24, 28.0),
        "nanometer",
        new Vec3i(0, 0, 0),
        1_600_000_000_000L,
        new Vec3d(3200, 3300, 600),
        new Vec3d(0.5, 90.0, 180.25),
        1.75,
        3,
        List.of(
            new BoundingBox(
                0, "first box", true, new Color(1.0, 0.0, 0.5, 1.0), 10, 20, 30, 100, 200, 300),
            new BoundingBox(
                7, "second box", false, new Color(0.0, 1.0, 0.0, 0.5), -5, 0, 5, 1, 1, 1)),
        new BoundingBox(null, null, null, Color.NONE, 3000, 3000, 500, 512, 512, 256));
  }

  /** A test's own node: its radius, rotation and time for this id at this position. */
  interface NodeMaker {
    Node node(int id, int x, int y, int z);
  }

  /** Tree 1, red, ungrouped: a chain of nodes 1, 2 and 3 from (3200, 3200, 600) on. */
  static Tree redChain(String name, NodeMaker nodes) {
    return new Tree(
        1,
        new Color(1.0, 0.0, 0.0, 1.0),
        name,
        null,
        null,
        null,
        List.of(
            nodes.node(1, 3200, 3200, 600),
            nodes.node(2, 3201, 3200, 600),
            nodes.node(3, 3202, 3201, 601)),
        List.of(new Edge(1, 2), new Edge(2, 3)));
  }

  /** Tree 2 in group 11 (the middle one), type DEFAULT, visible: the edge from node 4 to node 5. */
  static Tree visiblePair(Color color, String name, Node four, Node five) {
    return new Tree(
        2, color, name, 11, "DEFAULT", true, List.of(four, five), List.of(new Edge(4, 5)));
  }

  /** Tree 5 "deeply grouped tree" in group 12 (the inner one), hidden: node 10 alone. */
  static Tree hiddenSingle(Color color, Node ten) {
    return new Tree(5, color, "deeply grouped tree", 12, null, false, List.of(ten), List.of());
  }

  /** Tree groups nested two levels (outer 10, middle 11, inner 12) and a second top group 20. */
  static List<Group> nestedGroups() {
    return List.of(
        new Group(
            10,
            "outer",
            true,
            List.of(
                new Group(11, "middle", false, List.of(new Group(12, "inner", null, List.of()))))),
        new Group(20, "other top group", null, List.of()));
  }

  /**
   * The volume "Volume" (id 0) in this format: segment 4 with these attributes, a bare segment 5,
   * and segment group 3 holding group 4.
   */
  static Volume volume(String format, Map<String, String> segmentFour) {
    return new Volume(
        0,
        "Volume",
        "data_0_Volume.zip",
        format,
        "segmentation",
        2504698L,
        List.of(new Segment(segmentFour), new Segment(Map.of("id", "5"))),
        List.of(
            new Group(3, "segment group", null, List.of(new Group(4, "sub", null, List.of())))));
  }

  /** A volume "Second" (id 1) in this format with nothing but its location. */
  static Volume bareVolume(String format) {
    return new Volume(1, "Second", "data_1_Second.zip", format, null, null, List.of(), List.of());
  }

  /**
   * The attributes of segment 4: name, creation time, anchor position, colour (red 0.5, then the
   * given further channels as name, value pairs) and segment group 3, in that order.
   */
  static Map<String, String> segmentFour(String... moreColour) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("id", "4");
    s.put("name", "segment four");
    s.put("created", "1600000000000");
    s.put("anchorPositionX", "1");
    s.put("anchorPositionY", "2");
    s.put("anchorPositionZ", "3");
    s.put("color.r", "0.5");
    for (int i = 0; i < moreColour.length; i += 2) {
      s.put(moreColour[i], moreColour[i + 1]);
    }
    s.put("groupId", "3");
    return s;
  }
}
