package org.wkcheck.nml;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Tree;

/**
 * The consistency webKnossos demands of an uploaded skeleton (its tracing store's tree validation):
 * tree ids and node ids unique, edges within their own tree, comments and branchpoints on existing
 * nodes, tree groups unique and existing, segments with ids.
 */
public final class NmlConsistency {
  private NmlConsistency() {}

  public static void check(Nml nml) throws NmlException {
    Set<Integer> treeIds = new HashSet<>();
    Set<Integer> nodeIds = new HashSet<>();
    List<Integer> groupIds = nml.groupIds();
    Set<Integer> groups = new HashSet<>(groupIds);
    if (groups.size() != groupIds.size()) {
      throw new NmlException("tree group ids are not unique");
    }
    for (Tree t : nml.trees()) {
      if (!treeIds.add(t.id())) {
        throw new NmlException("tree id " + t.id() + " is used twice");
      }
      if (t.groupId() != null && !groups.contains(t.groupId())) {
        throw new NmlException(
            "tree " + t.id() + " is in group " + t.groupId() + ", which does not exist");
      }
      Set<Integer> ofTree = new HashSet<>();
      for (Node n : t.nodes()) {
        if (!nodeIds.add(n.id())) {
          throw new NmlException("node id " + n.id() + " is used twice");
        }
        ofTree.add(n.id());
      }
      for (Edge e : t.edges()) {
        if (!ofTree.contains(e.source()) || !ofTree.contains(e.target())) {
          throw new NmlException(
              "edge " + e.source() + "-" + e.target() + " of tree " + t.id() + " leaves the tree");
        }
      }
    }
    for (Comment c : nml.comments()) {
      if (!nodeIds.contains(c.node())) {
        throw new NmlException("comment on node " + c.node() + ", which does not exist");
      }
    }
    for (Branchpoint b : nml.branchpoints()) {
      if (!nodeIds.contains(b.id())) {
        throw new NmlException("branchpoint on node " + b.id() + ", which does not exist");
      }
    }
    for (Nml.Volume v : nml.volumes()) {
      for (Nml.Segment s : v.segments()) {
        if (!s.attributes().containsKey("id")) {
          throw new NmlException("a segment of volume " + v.id() + " has no id");
        }
      }
    }
  }
}
