package org.wkcheck.nml;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Segment;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Volume;

/**
 * Writes NML in the layout of webKnossos' {@code NmlWriter.scala}: root {@code <things>} without an
 * XML declaration, two-space indentation, elements in the server's order.
 */
public final class NmlWriter {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private NmlWriter() {}

  public static byte[] toBytes(Nml nml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + nml.nodeCount() * 180);
    write(nml, out);
    return out.toByteArray();
  }

  public static void write(Nml nml, OutputStream out) {
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      new Writer(w).things(nml);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write NML", e);
    }
  }

  private static final java.util.regex.Pattern NOT_XML =
      java.util.regex.Pattern.compile(
          "[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

  /** Drops characters that XML 1.0 cannot carry (control characters, lone surrogates). */
  static String xmlSafe(String s) {
    return NOT_XML.matcher(s).replaceAll("");
  }

  private static final class Writer {
    private final XMLStreamWriter w;
    private int depth;

    Writer(XMLStreamWriter w) {
      this.w = w;
    }

    void things(Nml nml) throws XMLStreamException {
      w.writeStartElement("things");
      depth++;
      for (Meta m : nml.meta()) {
        empty("meta");
        attr("name", m.name());
        attr("content", m.content());
      }
      parameters(nml.parameters());
      for (Tree t : nml.trees()) {
        tree(t);
      }
      open("branchpoints", nml.branchpoints().isEmpty());
      for (Branchpoint b : nml.branchpoints()) {
        empty("branchpoint");
        attr("id", b.id());
        if (b.time() != null) {
          attr("time", b.time());
        }
      }
      close(nml.branchpoints().isEmpty());
      open("comments", nml.comments().isEmpty());
      for (Comment c : nml.comments()) {
        empty("comment");
        attr("node", c.node());
        attr("content", c.content());
      }
      close(nml.comments().isEmpty());
      groups("groups", nml.groups());
      for (Volume v : nml.volumes()) {
        volume(v);
      }
      depth--;
      newline();
      w.writeEndElement();
      w.writeCharacters("\n");
    }

    private void parameters(Parameters p) throws XMLStreamException {
      open("parameters", false);
      if (p.experiment() != null) {
        empty("experiment");
        attrOpt("name", p.experiment().name());
        attrOpt("organization", p.experiment().organization());
        attrOpt("datasetId", p.experiment().datasetId());
        attrOpt("description", p.experiment().description());
        attrOpt("wkUrl", p.experiment().wkUrl());
      }
      if (p.scale() != null) {
        empty("scale");
        attrOpt("unit", p.scaleUnit());
        attr("x", p.scale().x());
        attr("y", p.scale().y());
        attr("z", p.scale().z());
      }
      if (p.offset() != null) {
        empty("offset");
        attr("x", p.offset().x());
        attr("y", p.offset().y());
        attr("z", p.offset().z());
      }
      if (p.time() != null) {
        empty("time");
        attr("ms", p.time());
      }
      if (p.editPosition() != null) {
        empty("editPosition");
        // voxel coordinates, integers as the server writes them
        attr("x", Math.round(p.editPosition().x()));
        attr("y", Math.round(p.editPosition().y()));
        attr("z", Math.round(p.editPosition().z()));
      }
      if (p.editRotation() != null) {
        empty("editRotation");
        attr("xRot", p.editRotation().x());
        attr("yRot", p.editRotation().y());
        attr("zRot", p.editRotation().z());
      }
      if (p.zoomLevel() != null) {
        empty("zoomLevel");
        attr("zoom", p.zoomLevel());
      }
      if (p.activeNode() != null) {
        empty("activeNode");
        attr("id", p.activeNode());
      }
      for (BoundingBox b : p.userBoundingBoxes()) {
        box("userBoundingBox", b);
      }
      if (p.taskBoundingBox() != null) {
        box("taskBoundingBox", p.taskBoundingBox());
      }
      close(false);
    }

    private void box(String element, BoundingBox b) throws XMLStreamException {
      empty(element);
      if (b.id() != null) {
        attr("id", b.id());
      }
      attrOpt("name", b.name());
      if (b.isVisible() != null) {
        attr("isVisible", b.isVisible().toString());
      }
      if (b.color() != null && b.color().r() != null) {
        color(b.color());
      }
      attr("topLeftX", b.topLeftX());
      attr("topLeftY", b.topLeftY());
      attr("topLeftZ", b.topLeftZ());
      attr("width", b.width());
      attr("height", b.height());
      attr("depth", b.depth());
    }

    private void tree(Tree t) throws XMLStreamException {
      open("thing", false);
      attr("id", t.id());
      color(t.color() == null ? Color.NONE : t.color());
      attr("name", t.name());
      if (t.groupId() != null) {
        attr("groupId", t.groupId());
      }
      attrOpt("type", t.type());
      if (t.isVisible() != null) {
        attr("isVisible", t.isVisible().toString());
      }
      open("nodes", t.nodes().isEmpty());
      for (Node n : t.nodes()) {
        empty("node");
        attr("id", n.id());
        attr("radius", n.radius());
        attr("x", n.x());
        attr("y", n.y());
        attr("z", n.z());
        attr("rotX", n.rotX());
        attr("rotY", n.rotY());
        attr("rotZ", n.rotZ());
        attr("inVp", n.inVp());
        attr("inMag", n.inMag());
        attr("bitDepth", n.bitDepth());
        attr("interpolation", Boolean.toString(n.interpolation()));
        attr("time", n.time());
      }
      close(t.nodes().isEmpty());
      open("edges", t.edges().isEmpty());
      for (Edge e : t.edges()) {
        empty("edge");
        attr("source", e.source());
        attr("target", e.target());
      }
      close(t.edges().isEmpty());
      close(false);
    }

    private void groups(String element, List<Group> groups) throws XMLStreamException {
      open(element, groups.isEmpty());
      for (Group g : groups) {
        group(g);
      }
      close(groups.isEmpty());
    }

    private void group(Group g) throws XMLStreamException {
      boolean leaf = g.children().isEmpty();
      open("group", leaf);
      attr("name", g.name());
      attr("id", g.id());
      if (g.isExpanded() != null) {
        attr("isExpanded", g.isExpanded().toString());
      }
      for (Group c : g.children()) {
        group(c);
      }
      close(leaf);
    }

    private void volume(Volume v) throws XMLStreamException {
      boolean leaf = v.segments().isEmpty() && v.segmentGroups().isEmpty();
      open("volume", leaf);
      attr("id", v.id());
      attrOpt("name", v.name());
      attrOpt("location", v.location());
      attrOpt("format", v.format());
      attrOpt("fallbackLayer", v.fallbackLayer());
      if (v.largestSegmentId() != null) {
        attr("largestSegmentId", v.largestSegmentId());
      }
      if (!leaf) {
        open("segments", v.segments().isEmpty());
        for (Segment s : v.segments()) {
          empty("segment");
          for (Map.Entry<String, String> a : s.attributes().entrySet()) {
            attr(a.getKey(), a.getValue());
          }
        }
        close(v.segments().isEmpty());
        groups("groups", v.segmentGroups());
      }
      close(leaf);
    }

    private void color(Color c) throws XMLStreamException {
      attr("color.r", c.r() == null ? "" : c.r().toString());
      attr("color.g", c.g() == null ? "" : c.g().toString());
      attr("color.b", c.b() == null ? "" : c.b().toString());
      attr("color.a", c.a() == null ? "" : c.a().toString());
    }

    // --- layout helpers ---------------------------------------------------------------------

    private void newline() throws XMLStreamException {
      w.writeCharacters("\n" + "  ".repeat(depth));
    }

    private void empty(String name) throws XMLStreamException {
      newline();
      w.writeEmptyElement(name);
    }

    /** Opens an element; an element without children is written empty and needs no close. */
    private void open(String name, boolean childless) throws XMLStreamException {
      newline();
      if (childless) {
        w.writeEmptyElement(name);
      } else {
        w.writeStartElement(name);
        depth++;
      }
    }

    private void close(boolean childless) throws XMLStreamException {
      if (!childless) {
        depth--;
        newline();
        w.writeEndElement();
      }
    }

    private void attr(String name, String value) throws XMLStreamException {
      w.writeAttribute(name, xmlSafe(value));
    }

    private void attrOpt(String name, String value) throws XMLStreamException {
      if (value != null) {
        w.writeAttribute(name, xmlSafe(value));
      }
    }

    private void attr(String name, long value) throws XMLStreamException {
      w.writeAttribute(name, Long.toString(value));
    }

    private void attr(String name, double value) throws XMLStreamException {
      w.writeAttribute(name, Double.toString(value));
    }
  }
}
