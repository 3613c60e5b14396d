package org.wkcheck.nml;

import java.util.ArrayList;
import java.util.List;
import org.wkcheck.nml.Nml.BoundingBox;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Volume;

/**
 * Combines NML documents into one, as webKnossos does for multi-file uploads, merges and compound
 * annotations: tree, node and group ids of every later document are shifted past those already
 * taken, so nothing collides; parameters come from the first document.
 */
public final class NmlMerge {
  private NmlMerge() {}

  /** How the trees of each uploaded file are marked in the combined annotation. */
  public enum FileMarking {
    /** {@code createGroupForEachFile=true}: a tree group per file, named after the file. */
    GROUP_PER_FILE,
    /** {@code createGroupForEachFile=false}: tree names prefixed with the file name. */
    PREFIX_TREE_NAMES
  }

  /** A document and the name of the file it came from. */
  public record NamedNml(String fileName, Nml nml) {}

  /** Concatenates the documents with id shifting; no grouping or renaming. */
  public static Nml merge(List<Nml> docs) {
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Acc acc = new Acc(docs.get(0).parameters());
    for (Nml d : docs) {
      acc.add(d, null, null);
    }
    return acc.result();
  }

  /**
   * Combines uploaded files. With {@link FileMarking#GROUP_PER_FILE} every file's trees and groups
   * are wrapped into a new group named after the file (also for a single file); with {@link
   * FileMarking#PREFIX_TREE_NAMES} tree names get {@code <file name>_} as prefix when there is more
   * than one file.
   */
  public static Nml combineUploads(List<NamedNml> files, FileMarking marking) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("nothing to combine");
    }
    Acc acc = new Acc(files.get(0).nml().parameters());
    for (NamedNml f : files) {
      String base = baseName(f.fileName());
      switch (marking) {
        case GROUP_PER_FILE -> acc.add(f.nml(), base, null);
        case PREFIX_TREE_NAMES -> acc.add(f.nml(), null, files.size() > 1 ? base + "_" : null);
      }
    }
    return acc.result();
  }

  /** The file name without folders and without a {@code .nml} or {@code .zip} extension. */
  public static String baseName(String fileName) {
    String n = fileName == null ? "" : fileName;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1);
    String lower = n.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".nml") || lower.endsWith(".zip")) {
      n = n.substring(0, n.length() - 4);
    }
    return n;
  }

  private static final class Acc {
    private final Parameters firstParameters;
    private final List<Tree> trees = new ArrayList<>();
    private final List<Branchpoint> branchpoints = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<BoundingBox> boxes = new ArrayList<>();
    private BoundingBox taskBox;
    private Integer activeNode;
    private int maxTree;
    private int maxNode;
    private int maxGroup;
    private int maxBox;
    private boolean first = true;

    Acc(Parameters firstParameters) {
      this.firstParameters = firstParameters;
    }

    void add(Nml d, String wrapGroupName, String namePrefix) {
      // As webKnossos: shift so that the smallest id of this document lands past the largest so
      // far.
      int treeOff = first ? 0 : shift(maxTree, d.trees().stream().mapToInt(Tree::id).min());
      int nodeOff =
          first
              ? 0
              : shift(
                  maxNode,
                  d.trees().stream().flatMap(t -> t.nodes().stream()).mapToInt(Node::id).min());
      int groupOff =
          first ? 0 : shift(maxGroup, d.groupIds().stream().mapToInt(Integer::intValue).min());
      int boxOff = first ? 0 : maxBox + 1;
      List<Group> shiftedGroups = new ArrayList<>();
      for (Group g : d.groups()) {
        shiftedGroups.add(shift(g, groupOff));
      }
      List<Integer> groupIds = new ArrayList<>();
      for (Group g : shiftedGroups) {
        g.collectIds(groupIds);
      }
      for (int gid : groupIds) {
        maxGroup = Math.max(maxGroup, gid);
      }
      Integer wrapId = null;
      if (wrapGroupName != null) {
        wrapId = ++maxGroup;
        groups.add(new Group(wrapId, wrapGroupName, null, shiftedGroups));
      } else {
        groups.addAll(shiftedGroups);
      }
      for (Tree t : d.trees()) {
        List<Node> nodes = new ArrayList<>(t.nodes().size());
        for (Node n : t.nodes()) {
          nodes.add(n.withId(n.id() + nodeOff));
          maxNode = Math.max(maxNode, n.id() + nodeOff);
        }
        List<Edge> edges = new ArrayList<>(t.edges().size());
        for (Edge e : t.edges()) {
          edges.add(new Edge(e.source() + nodeOff, e.target() + nodeOff));
        }
        Integer groupId = t.groupId() == null ? wrapId : Integer.valueOf(t.groupId() + groupOff);
        String name = namePrefix == null ? t.name() : namePrefix + t.name();
        trees.add(
            t.withIdNameGroup(t.id() + treeOff, name, groupId).withNodesAndEdges(nodes, edges));
        maxTree = Math.max(maxTree, t.id() + treeOff);
      }
      for (Branchpoint b : d.branchpoints()) {
        branchpoints.add(new Branchpoint(b.id() + nodeOff, b.time()));
      }
      for (Comment c : d.comments()) {
        comments.add(new Comment(c.node() + nodeOff, c.content()));
      }
      for (BoundingBox b : d.parameters().userBoundingBoxes()) {
        int id = (b.id() == null ? 0 : b.id()) + boxOff;
        maxBox = Math.max(maxBox, id);
        boxes.add(
            new BoundingBox(
                id,
                b.name(),
                b.isVisible(),
                b.color(),
                b.topLeftX(),
                b.topLeftY(),
                b.topLeftZ(),
                b.width(),
                b.height(),
                b.depth()));
      }
      if (taskBox == null) {
        taskBox = d.parameters().taskBoundingBox();
      }
      if (activeNode == null && d.parameters().activeNode() != null) {
        activeNode = d.parameters().activeNode() + nodeOff;
      }
      for (Volume v : d.volumes()) {
        volumes.add(v.withIdAndName(volumes.size(), v.name()));
      }
      first = false;
    }

    private static int shift(int maxSoFar, java.util.OptionalInt min) {
      return min.isEmpty() ? 0 : Math.max(maxSoFar + 1 - min.getAsInt(), 0);
    }

    private static Group shift(Group g, int off) {
      List<Group> children = new ArrayList<>();
      for (Group c : g.children()) {
        children.add(shift(c, off));
      }
      return new Group(g.id() + off, g.name(), g.isExpanded(), children);
    }

    Nml result() {
      Parameters p = firstParameters.withBoxes(boxes, taskBox).withActiveNode(activeNode);
      return new Nml(List.of(), p, trees, branchpoints, comments, groups, volumes);
    }
  }
}
