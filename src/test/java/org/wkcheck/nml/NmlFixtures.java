package org.wkcheck.nml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Segment;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Volume;

/** The parts the full documents of NmlReaderWriterTest and NmlSchemaTest have in common. */
final class NmlFixtures {
  private NmlFixtures() {}

  /** Tree 1, red, ungrouped: a chain of the three nodes (ids 1, 2, 3). */
  static Tree redChain(String name, Node first, Node second, Node third) {
    return new Tree(
        1,
        new Color(1.0, 0.0, 0.0, 1.0),
        name,
        null,
        null,
        null,
        List.of(first, second, third),
        List.of(new Edge(1, 2), new Edge(2, 3)));
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
