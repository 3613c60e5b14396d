package org.wkcheck.nml;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Experiment;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Segment;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.Nml.Vec3i;
import org.wkcheck.nml.Nml.Volume;

/**
 * Reads NML with the JDK's StAX parser (DTDs and external entities switched off). Follows the rules
 * of webKnossos' {@code NmlParser}: a {@code parameters} section is required; tree, node, group,
 * comment and branchpoint ids must be integers; fractional node positions are rounded; missing node
 * attributes take their defaults. Unknown elements are skipped.
 */
public final class NmlReader {
  private static final XMLInputFactory FACTORY = newFactory();

  private NmlReader() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  public static Nml read(byte[] bytes) throws NmlException {
    return read(new ByteArrayInputStream(bytes));
  }

  public static Nml read(InputStream in) throws NmlException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in);
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // skip prolog, comments, whitespace
      }
      if (!r.isStartElement()) {
        throw new NmlException("not an NML document: no root element");
      }
      if (!"things".equals(r.getLocalName())) {
        throw new NmlException(
            "not an NML document: root element is <" + r.getLocalName() + ">, expected <things>");
      }
      Nml nml = readThings(r);
      while (r.hasNext()) {
        r.next(); // the parser rejects anything but comments and whitespace after the root
      }
      return nml;
    } catch (XMLStreamException e) {
      throw new NmlException("not well-formed XML: " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      throw new NmlException("invalid number " + e.getMessage(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the parser
        }
      }
    }
  }

  private static Nml readThings(XMLStreamReader r) throws XMLStreamException, NmlException {
    List<Meta> meta = new ArrayList<>();
    Parameters parameters = null;
    List<Tree> trees = new ArrayList<>();
    List<Branchpoint> branchpoints = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    while (nextChild(r)) {
      switch (r.getLocalName()) {
        case "meta" -> {
          meta.add(new Meta(attr(r, "name"), attr(r, "content")));
          skip(r);
        }
        case "parameters" -> parameters = readParameters(r);
        case "thing" -> trees.add(readTree(r));
        case "branchpoints" ->
            children(
                r,
                "branchpoint",
                branchpoints,
                b -> new Branchpoint(reqInt(b, "id"), optLong(b, "time")));
        case "comments" -> children(r, "comment", comments, NmlReader::readComment);
        case "groups" -> groups.addAll(readGroups(r));
        case "volume" -> volumes.add(readVolume(r));
        default -> skip(r);
      }
    }
    if (parameters == null) {
      throw new NmlException("No parameters section found");
    }
    return new Nml(meta, parameters, trees, branchpoints, comments, groups, volumes);
  }

  private static Parameters readParameters(XMLStreamReader r)
      throws XMLStreamException, NmlException {
    Experiment experiment = new Experiment(null, null, null, null, null);
    Vec3d scale = new Vec3d(-1, -1, -1);
    String unit = null;
    Vec3i offset = null;
    Long time = null;
    Vec3d editPosition = null;
    Vec3d editRotation = null;
    Double zoom = null;
    Integer activeNode = null;
    List<BoundingBox> userBoxes = new ArrayList<>();
    BoundingBox taskBox = null;
    while (nextChild(r)) {
      switch (r.getLocalName()) {
        case "experiment" ->
            experiment =
                new Experiment(
                    attr(r, "name"),
                    attr(r, "organization"),
                    attr(r, "description"),
                    attr(r, "wkUrl"),
                    attr(r, "datasetId"));
        case "scale" -> {
          scale = new Vec3d(optDouble(r, "x", -1), optDouble(r, "y", -1), optDouble(r, "z", -1));
          unit = attr(r, "unit");
        }
        case "offset" ->
            offset =
                new Vec3i(
                    (int) Math.round(optDouble(r, "x", 0)),
                    (int) Math.round(optDouble(r, "y", 0)),
                    (int) Math.round(optDouble(r, "z", 0)));
        case "time" -> time = optLong(r, "ms");
        case "editPosition" ->
            editPosition =
                new Vec3d(optDouble(r, "x", 0), optDouble(r, "y", 0), optDouble(r, "z", 0));
        case "editRotation" ->
            editRotation =
                new Vec3d(
                    optDouble(r, "xRot", 0), optDouble(r, "yRot", 0), optDouble(r, "zRot", 0));
        case "zoomLevel" ->
            zoom = r.getAttributeValue(null, "zoom") == null ? null : optDouble(r, "zoom", 1);
        case "activeNode" -> activeNode = reqInt(r, "id");
        case "userBoundingBox" -> userBoxes.add(readBox(r));
        case "taskBoundingBox" -> taskBox = readBox(r);
        default -> {
          // additionalAxes and newer parameters are not needed by the reference server
        }
      }
      skip(r);
    }
    return new Parameters(
        experiment,
        scale,
        unit,
        offset,
        time,
        editPosition,
        editRotation,
        zoom,
        activeNode,
        userBoxes,
        taskBox);
  }

  private static BoundingBox readBox(XMLStreamReader r) throws NmlException {
    String id = attr(r, "id");
    String visible = attr(r, "isVisible");
    return new BoundingBox(
        id == null ? null : parseInt(id, "userBoundingBox@id"),
        attr(r, "name"),
        visible == null ? null : Boolean.parseBoolean(visible),
        readColor(r),
        roundInt(r, "topLeftX"),
        roundInt(r, "topLeftY"),
        roundInt(r, "topLeftZ"),
        roundInt(r, "width"),
        roundInt(r, "height"),
        roundInt(r, "depth"));
  }

  private static Tree readTree(XMLStreamReader r) throws XMLStreamException, NmlException {
    int id = reqInt(r, "id");
    String name = attr(r, "name");
    String groupId = attr(r, "groupId");
    String visible = attr(r, "isVisible");
    Color color = readColor(r);
    String type = attr(r, "type");
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    while (nextChild(r)) {
      switch (r.getLocalName()) {
        case "nodes" -> children(r, "node", nodes, NmlReader::readNode);
        case "edges" ->
            children(r, "edge", edges, e -> new Edge(reqInt(e, "source"), reqInt(e, "target")));
        default -> skip(r);
      }
    }
    return new Tree(
        id,
        color,
        name == null ? "" : name,
        groupId == null || groupId.isEmpty() ? null : parseInt(groupId, "thing@groupId"),
        type,
        visible == null ? null : Boolean.parseBoolean(visible),
        nodes,
        edges);
  }

  private static Comment readComment(XMLStreamReader r) throws NmlException {
    String content = attr(r, "content");
    return new Comment(reqInt(r, "node"), content == null ? "" : content);
  }

  /** A segment: all its attributes, in order. */
  private static Segment readSegment(XMLStreamReader r) {
    Map<String, String> attrs = new LinkedHashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
    return new Segment(attrs);
  }

  private static Node readNode(XMLStreamReader r) throws NmlException {
    return new Node(
        reqInt(r, "id"),
        optDouble(r, "radius", 1.0),
        roundInt(r, "x"),
        roundInt(r, "y"),
        roundInt(r, "z"),
        optDouble(r, "rotX", 0),
        optDouble(r, "rotY", 0),
        optDouble(r, "rotZ", 0),
        (int) optDouble(r, "inVp", 0),
        (int) optDouble(r, "inMag", 0),
        (int) optDouble(r, "bitDepth", 0),
        Boolean.parseBoolean(attr(r, "interpolation")),
        optLongOr(r, "time", 0L));
  }

  private static List<Group> readGroups(XMLStreamReader r) throws XMLStreamException, NmlException {
    List<Group> groups = new ArrayList<>();
    while (nextChild(r)) {
      if ("group".equals(r.getLocalName())) {
        int id = reqInt(r, "id");
        String name = attr(r, "name");
        String expanded = attr(r, "isExpanded");
        List<Group> children = readGroups(r);
        groups.add(
            new Group(
                id,
                name == null ? "" : name,
                expanded == null ? null : Boolean.parseBoolean(expanded),
                children));
      } else {
        skip(r);
      }
    }
    return groups;
  }

  private static Volume readVolume(XMLStreamReader r) throws XMLStreamException, NmlException {
    int id = reqInt(r, "id");
    String name = attr(r, "name");
    String location = attr(r, "location");
    String format = attr(r, "format");
    String fallback = attr(r, "fallbackLayer");
    Long largest = optLong(r, "largestSegmentId");
    List<Segment> segments = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    while (nextChild(r)) {
      switch (r.getLocalName()) {
        case "segments" -> children(r, "segment", segments, NmlReader::readSegment);
        case "groups" -> groups.addAll(readGroups(r));
        default -> skip(r);
      }
    }
    return new Volume(id, name, location, format, fallback, largest, segments, groups);
  }

  // --- StAX helpers -------------------------------------------------------------------------

  /** Reads one element at the reader's position; leaves the reader on its start tag. */
  @FunctionalInterface
  private interface ElementReader<T> {
    T read(XMLStreamReader r) throws NmlException;
  }

  /**
   * Adds each child {@code <element>} of the current element, as {@code read} makes it, to {@code
   * into}; other children are skipped.
   */
  private static <T> void children(
      XMLStreamReader r, String element, List<T> into, ElementReader<T> read)
      throws XMLStreamException, NmlException {
    while (nextChild(r)) {
      if (element.equals(r.getLocalName())) {
        into.add(read.read(r));
      }
      skip(r);
    }
  }

  /** Advances to the next child start element of the current element; false at its end. */
  private static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (ev == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
    }
    return false;
  }

  /** Skips to the end of the current element (including its children). */
  private static void skip(XMLStreamReader r) throws XMLStreamException {
    if (!r.isStartElement()) {
      return;
    }
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static String attr(XMLStreamReader r, String name) {
    return r.getAttributeValue(null, name);
  }

  private static Color readColor(XMLStreamReader r) {
    return new Color(
        optDoubleOrNull(r, "color.r"),
        optDoubleOrNull(r, "color.g"),
        optDoubleOrNull(r, "color.b"),
        optDoubleOrNull(r, "color.a"));
  }

  private static int reqInt(XMLStreamReader r, String name) throws NmlException {
    String v = attr(r, name);
    if (v == null) {
      throw new NmlException(
          "<" + r.getLocalName() + "> at line " + line(r) + " lacks attribute " + name);
    }
    return parseInt(v, r.getLocalName() + "@" + name + " at line " + line(r));
  }

  private static int parseInt(String v, String where) throws NmlException {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new NmlException(where + " is not an integer: '" + v + "'");
    }
  }

  private static int roundInt(XMLStreamReader r, String name) throws NmlException {
    return (int) Math.round(optDouble(r, name, 0));
  }

  private static double optDouble(XMLStreamReader r, String name, double dflt) throws NmlException {
    Double d = optDoubleOrNull(r, name);
    if (d == null && attr(r, name) != null && !attr(r, name).isEmpty()) {
      throw new NmlException(
          r.getLocalName() + "@" + name + " at line " + line(r) + " is not a number");
    }
    return d == null ? dflt : d;
  }

  private static Double optDoubleOrNull(XMLStreamReader r, String name) {
    String v = attr(r, name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      return Double.isFinite(d) ? d : null; // "NaN", "Infinity": not numbers an NML may hold
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long optLong(XMLStreamReader r, String name) throws NmlException {
    String v = attr(r, name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      try {
        return Math.round(Double.parseDouble(v.trim()));
      } catch (NumberFormatException e2) {
        throw new NmlException(
            r.getLocalName()
                + "@"
                + name
                + " at line "
                + line(r)
                + " is not a number: '"
                + v
                + "'");
      }
    }
  }

  private static long optLongOr(XMLStreamReader r, String name, long dflt) throws NmlException {
    Long l = optLong(r, name);
    return l == null ? dflt : l;
  }

  private static int line(XMLStreamReader r) {
    return r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
  }
}
