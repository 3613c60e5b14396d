package org.wkcheck.nml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Tree;

/**
 * The ids of a downloaded document mapped onto those of the expected one, for {@link
 * NmlComparison.Ids#RENUMBERED}: nodes by their attributes (alike ones in id order), trees by the
 * tree of their first node (trees without nodes by name, in id order), groups by their path of
 * names (alike siblings in id order). Whatever maps onto nothing, or onto something already taken,
 * keeps its own id made negative ({@code -(id) - 1}), so it shows as extra.
 */
final class Renumbering {
  private Renumbering() {}

  static Nml onto(Nml expected, Nml actual) {
    Map<Integer, Integer> nodes = nodes(expected, actual);
    Map<Integer, Integer> groups = groups(expected.groups(), actual.groups());
    Map<Integer, Integer> trees = trees(expected, actual, nodes);
    List<Tree> mapped = new ArrayList<>();
    for (Tree t : actual.trees()) {
      List<Node> ns = t.nodes().stream().map(n -> n.withId(map(nodes, n.id()))).toList();
      List<Edge> es =
          t.edges().stream()
              .map(e -> new Edge(map(nodes, e.source()), map(nodes, e.target())))
              .toList();
      Integer group = t.groupId() == null ? null : map(groups, t.groupId());
      mapped.add(t.withIdNameGroup(map(trees, t.id()), t.name(), group).withNodesAndEdges(ns, es));
    }
    List<Comment> comments =
        actual.comments().stream()
            .map(c -> new Comment(map(nodes, c.node()), c.content()))
            .toList();
    List<Branchpoint> branchpoints =
        actual.branchpoints().stream()
            .map(b -> new Branchpoint(map(nodes, b.id()), b.time()))
            .toList();
    return new Nml(
        actual.meta(),
        actual.parameters(),
        mapped,
        branchpoints,
        comments,
        mapGroups(actual.groups(), groups),
        actual.volumes());
  }

  private static int map(Map<Integer, Integer> m, int id) {
    Integer to = m.get(id);
    return to != null ? to : -id - 1;
  }

  /** A node's attributes but its id. */
  private static Node key(Node n) {
    return n.withId(0);
  }

  private static Map<Integer, Integer> nodes(Nml expected, Nml actual) {
    Map<Node, Deque<Integer>> free = new HashMap<>();
    for (Node n : sortedNodes(expected)) {
      free.computeIfAbsent(key(n), k -> new ArrayDeque<>()).add(n.id());
    }
    Map<Integer, Integer> m = new HashMap<>();
    List<Node> unmapped = new ArrayList<>();
    for (Node n : sortedNodes(actual)) {
      Deque<Integer> q = free.get(key(n));
      if (q != null && !q.isEmpty()) {
        m.put(n.id(), q.poll());
      } else {
        unmapped.add(n);
      }
    }
    // A node that differs in some attribute is still the node at its position, so that the
    // difference shows as that attribute rather than as a missing and an extra node.
    Map<String, Deque<Integer>> byPosition = new HashMap<>();
    Map<Integer, Node> expectedNodes = new HashMap<>();
    sortedNodes(expected).forEach(n -> expectedNodes.put(n.id(), n));
    for (Deque<Integer> q : free.values()) {
      for (int id : q) {
        byPosition
            .computeIfAbsent(position(expectedNodes.get(id)), k -> new ArrayDeque<>())
            .add(id);
      }
    }
    for (Deque<Integer> q : byPosition.values()) {
      List<Integer> ids = new ArrayList<>(q);
      ids.sort(Integer::compare);
      q.clear();
      q.addAll(ids);
    }
    for (Node n : unmapped) {
      Deque<Integer> q = byPosition.get(position(n));
      if (q != null && !q.isEmpty()) {
        m.put(n.id(), q.poll());
      }
    }
    return m;
  }

  private static String position(Node n) {
    return n.x() + "," + n.y() + "," + n.z();
  }

  private static List<Node> sortedNodes(Nml doc) {
    List<Node> all = new ArrayList<>();
    doc.trees().forEach(t -> all.addAll(t.nodes()));
    all.sort(Comparator.comparingInt(Node::id));
    return all;
  }

  private static Map<Integer, Integer> trees(
      Nml expected, Nml actual, Map<Integer, Integer> nodes) {
    Map<Integer, Integer> treeOfNode = new HashMap<>();
    Map<String, Deque<Integer>> emptyByName = new HashMap<>();
    for (Tree t : sortedTrees(expected)) {
      t.nodes().forEach(n -> treeOfNode.put(n.id(), t.id()));
      if (t.nodes().isEmpty()) {
        emptyByName.computeIfAbsent(t.name(), k -> new ArrayDeque<>()).add(t.id());
      }
    }
    Map<Integer, Integer> m = new HashMap<>();
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (Tree t : sortedTrees(actual)) {
      Integer to = null;
      if (t.nodes().isEmpty()) {
        Deque<Integer> q = emptyByName.get(t.name());
        to = q == null ? null : q.poll();
      } else {
        int firstNode = t.nodes().stream().mapToInt(Node::id).min().orElseThrow();
        Integer mappedNode = nodes.get(firstNode);
        to = mappedNode == null ? null : treeOfNode.get(mappedNode);
      }
      if (to != null && taken.add(to)) {
        m.put(t.id(), to);
      }
    }
    return m;
  }

  private static List<Tree> sortedTrees(Nml doc) {
    List<Tree> s = new ArrayList<>(doc.trees());
    s.sort(Comparator.comparingInt(Tree::id));
    return s;
  }

  private static Map<Integer, Integer> groups(List<Group> expected, List<Group> actual) {
    Map<String, Integer> byPath = new HashMap<>();
    paths(expected, "", byPath);
    Map<String, Integer> actualByPath = new LinkedHashMap<>();
    paths(actual, "", actualByPath);
    Map<Integer, Integer> m = new HashMap<>();
    actualByPath.forEach(
        (path, id) -> {
          Integer to = byPath.get(path);
          if (to != null) {
            m.put(id, to);
          }
        });
    return m;
  }

  /** Each group's path of names from the top, alike siblings numbered in id order. */
  private static void paths(List<Group> groups, String prefix, Map<String, Integer> out) {
    List<Group> s = new ArrayList<>(groups);
    s.sort(Comparator.comparingInt(Group::id));
    Map<String, Integer> seen = new HashMap<>();
    for (Group g : s) {
      int n = seen.merge(g.name(), 1, Integer::sum);
      String path = prefix + "/" + g.name() + "#" + n;
      out.put(path, g.id());
      paths(g.children(), path, out);
    }
  }

  private static List<Group> mapGroups(List<Group> groups, Map<Integer, Integer> m) {
    List<Group> out = new ArrayList<>();
    for (Group g : groups) {
      out.add(new Group(map(m, g.id()), g.name(), g.isExpanded(), mapGroups(g.children(), m)));
    }
    return out;
  }
}
