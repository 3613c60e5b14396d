package org.wkcheck.nml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An NML document (webKnossos' skeleton annotation format) as the server writes it: the layout of
 * {@code NmlWriter.scala} (facts file section 10). Immutable; transformations return new instances.
 *
 * <p>Node positions are integer voxel coordinates: the server rounds fractional positions on
 * upload, and so does {@link NmlReader}.
 */
public record Nml(
    List<Meta> meta,
    Parameters parameters,
    List<Tree> trees,
    List<Branchpoint> branchpoints,
    List<Comment> comments,
    List<Group> groups,
    List<Volume> volumes) {

  public Nml {
    meta = List.copyOf(meta);
    trees = List.copyOf(trees);
    branchpoints = List.copyOf(branchpoints);
    comments = List.copyOf(comments);
    groups = List.copyOf(groups);
    volumes = List.copyOf(volumes);
  }

  /** An empty skeleton on the given dataset. */
  public static Nml empty(Parameters parameters) {
    return new Nml(List.of(), parameters, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public Nml withMeta(List<Meta> newMeta) {
    return new Nml(newMeta, parameters, trees, branchpoints, comments, groups, volumes);
  }

  public Nml withParameters(Parameters newParameters) {
    return new Nml(meta, newParameters, trees, branchpoints, comments, groups, volumes);
  }

  public Nml withTrees(List<Tree> newTrees) {
    return new Nml(meta, parameters, newTrees, branchpoints, comments, groups, volumes);
  }

  public Nml withGroups(List<Group> newGroups) {
    return new Nml(meta, parameters, trees, branchpoints, comments, newGroups, volumes);
  }

  public Nml withVolumes(List<Volume> newVolumes) {
    return new Nml(meta, parameters, trees, branchpoints, comments, groups, newVolumes);
  }

  public int nodeCount() {
    return trees.stream().mapToInt(t -> t.nodes().size()).sum();
  }

  public int edgeCount() {
    return trees.stream().mapToInt(t -> t.edges().size()).sum();
  }

  /** Whether the document has skeleton content or no volume at all (a skeleton layer exists). */
  public boolean hasVolumes() {
    return !volumes.isEmpty();
  }

  public record Meta(String name, String content) {}

  /** RGBA colour; any component may be absent (the writer then emits empty strings). */
  public record Color(Double r, Double g, Double b, Double a) {
    public static final Color NONE = new Color(null, null, null, null);
  }

  public record Vec3i(int x, int y, int z) {
    public static final Vec3i ZERO = new Vec3i(0, 0, 0);
  }

  public record Vec3d(double x, double y, double z) {
    public static final Vec3d ZERO = new Vec3d(0, 0, 0);
  }

  public record Experiment(
      String name, String organization, String description, String wkUrl, String datasetId) {}

  /**
   * A bounding box element: {@code userBoundingBox} (with id, name, colour) or {@code
   * taskBoundingBox}.
   */
  public record BoundingBox(
      Integer id,
      String name,
      Boolean isVisible,
      Color color,
      int topLeftX,
      int topLeftY,
      int topLeftZ,
      int width,
      int height,
      int depth) {}

  public record Parameters(
      Experiment experiment,
      Vec3d scale,
      String scaleUnit,
      Vec3i offset,
      Long time,
      Vec3d editPosition,
      Vec3d editRotation,
      Double zoomLevel,
      Integer activeNode,
      List<BoundingBox> userBoundingBoxes,
      BoundingBox taskBoundingBox) {
    public Parameters {
      userBoundingBoxes = List.copyOf(userBoundingBoxes);
    }

    public static Parameters of(String datasetName, String organization, Vec3d scale) {
      return new Parameters(
          new Experiment(datasetName, organization, null, null, null),
          scale,
          null,
          Vec3i.ZERO,
          null,
          Vec3d.ZERO,
          Vec3d.ZERO,
          null,
          null,
          List.of(),
          null);
    }

    public Parameters withExperiment(Experiment e) {
      return change(b -> b.experiment = e);
    }

    public Parameters withScaleAndTime(Vec3d newScale, Long newTime) {
      return change(
          b -> {
            b.scale = newScale;
            b.time = newTime;
          });
    }

    public Parameters withEditPose(Vec3d position, Vec3d rotation) {
      return change(
          b -> {
            b.editPosition = position;
            b.editRotation = rotation;
          });
    }

    public Parameters withBoxes(List<BoundingBox> user, BoundingBox task) {
      return change(
          b -> {
            b.userBoundingBoxes = user;
            b.taskBoundingBox = task;
          });
    }

    public Parameters withActiveNode(Integer node) {
      return change(b -> b.activeNode = node);
    }

    /** A copy with what {@code edit} sets on a builder holding these parameters. */
    private Parameters change(java.util.function.Consumer<Builder> edit) {
      Builder b = new Builder(this);
      edit.accept(b);
      return b.build();
    }

    /** The parameters' fields, to be changed one at a time by the withers. */
    private static final class Builder {
      Experiment experiment;
      Vec3d scale;
      String scaleUnit;
      Vec3i offset;
      Long time;
      Vec3d editPosition;
      Vec3d editRotation;
      Double zoomLevel;
      Integer activeNode;
      List<BoundingBox> userBoundingBoxes;
      BoundingBox taskBoundingBox;

      Builder(Parameters p) {
        experiment = p.experiment;
        scale = p.scale;
        scaleUnit = p.scaleUnit;
        offset = p.offset;
        time = p.time;
        editPosition = p.editPosition;
        editRotation = p.editRotation;
        zoomLevel = p.zoomLevel;
        activeNode = p.activeNode;
        userBoundingBoxes = p.userBoundingBoxes;
        taskBoundingBox = p.taskBoundingBox;
      }

      Parameters build() {
        return new Parameters(
            experiment,
            scale,
            scaleUnit,
            offset,
            time,
            editPosition,
            editRotation,
            zoomLevel,
            activeNode,
            userBoundingBoxes,
            taskBoundingBox);
      }
    }
  }

  public record Node(
      int id,
      double radius,
      int x,
      int y,
      int z,
      double rotX,
      double rotY,
      double rotZ,
      int inVp,
      int inMag,
      int bitDepth,
      boolean interpolation,
      long time) {
    public Node withId(int newId) {
      return new Node(
          newId, radius, x, y, z, rotX, rotY, rotZ, inVp, inMag, bitDepth, interpolation, time);
    }
  }

  public record Edge(int source, int target) {}

  /** A tree ({@code thing}). */
  public record Tree(
      int id,
      Color color,
      String name,
      Integer groupId,
      String type,
      Boolean isVisible,
      List<Node> nodes,
      List<Edge> edges) {
    public Tree {
      nodes = List.copyOf(nodes);
      edges = List.copyOf(edges);
    }

    public Tree withIdNameGroup(int newId, String newName, Integer newGroupId) {
      return new Tree(newId, color, newName, newGroupId, type, isVisible, nodes, edges);
    }

    public Tree withNodesAndEdges(List<Node> newNodes, List<Edge> newEdges) {
      return new Tree(id, color, name, groupId, type, isVisible, newNodes, newEdges);
    }
  }

  public record Branchpoint(int id, Long time) {}

  public record Comment(int node, String content) {}

  /** A tree group (or segment group); groups nest. */
  public record Group(int id, String name, Boolean isExpanded, List<Group> children) {
    public Group {
      children = List.copyOf(children);
    }

    /** All ids of this group and its descendants. */
    public void collectIds(List<Integer> into) {
      into.add(id);
      for (Group c : children) {
        c.collectIds(into);
      }
    }
  }

  /** A {@code segment} of a volume layer; kept as its attributes, in order. */
  public record Segment(Map<String, String> attributes) {}

  /** A {@code volume} element: one volume layer, its data referenced by {@code location}. */
  public record Volume(
      int id,
      String name,
      String location,
      String format,
      String fallbackLayer,
      Long largestSegmentId,
      List<Segment> segments,
      List<Group> segmentGroups) {
    public Volume {
      segments = List.copyOf(segments);
      segmentGroups = List.copyOf(segmentGroups);
    }

    public Volume withLocation(String newLocation) {
      return new Volume(
          id,
          name,
          newLocation,
          newLocation == null ? null : format,
          fallbackLayer,
          largestSegmentId,
          segments,
          segmentGroups);
    }

    public Volume withIdAndName(int newId, String newName) {
      return new Volume(
          newId,
          newName,
          location,
          format,
          fallbackLayer,
          largestSegmentId,
          segments,
          segmentGroups);
    }
  }

  /** All group ids of the document (nested included). */
  public List<Integer> groupIds() {
    List<Integer> ids = new ArrayList<>();
    for (Group g : groups) {
      g.collectIds(ids);
    }
    return ids;
  }
}
