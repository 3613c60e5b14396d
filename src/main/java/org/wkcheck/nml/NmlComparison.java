package org.wkcheck.nml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Tree;

/**
 * Whether a downloaded NML holds exactly the skeleton an annotation holds: every tree (name,
 * colour, group, and type and visibility where both documents give them), every node with all its
 * attributes, every edge, comment, branchpoint and tree group, nothing missing and nothing extra.
 * What the document and the NML format leave open does not count: the order of trees, nodes, edges,
 * comments, branchpoints and groups, and everything outside the skeleton that a server writes of
 * its own (the {@code meta} header, the {@code parameters}: dataset, scale, time, edit position,
 * bounding boxes; volume layers).
 *
 * <p>With {@link Ids#KEPT} the tree, node and group ids must be the annotation's. With {@link
 * Ids#RENUMBERED} (where webKnossos renumbers: merges of annotations and of several uploaded files,
 * facts file sections 10 and 11) the download's ids are first mapped onto the expected ones and
 * then compared: a node is the node with the same attributes (nodes alike in every attribute paired
 * in id order, which a shift of ids keeps), a tree the tree holding its first node (empty trees by
 * name), a group the group at the same path of names; whatever maps to nothing is extra.
 *
 * <p>Numbers stored as floating point (radius, rotations, colours) are equal within a relative
 * 1e-6, since a server may keep them as 32-bit floats (webKnossos' protobuf radius).
 */
public final class NmlComparison {
  private NmlComparison() {}

  /** Whether the download must keep the annotation's ids or may renumber them consistently. */
  public enum Ids {
    KEPT,
    RENUMBERED
  }

  /**
   * The first difference between what the annotation holds ({@code expected}) and what was
   * downloaded ({@code actual}), as a path such as {@code tree 3 "axon" / node 17 / radius: 1.5 ≠
   * 2.0} (the annotation's value first); empty when they are equal up to what may differ.
   */
  public static Optional<String> firstDifference(Nml expected, Nml actual, Ids ids) {
    Nml a = ids == Ids.RENUMBERED ? Renumbering.onto(expected, actual) : actual;
    return Optional.ofNullable(new Diff().compare(expected, a));
  }

  /** Whether the two hold the same skeleton ({@link #firstDifference} is empty). */
  public static boolean same(Nml expected, Nml actual, Ids ids) {
    return firstDifference(expected, actual, ids).isEmpty();
  }

  /** Ids the download has that map onto nothing expected are made negative: -(id) - 1. */
  static String id(int id) {
    return id >= 0 ? Integer.toString(id) : (-id - 1) + " (the download's)";
  }

  // --- comparing with ids kept -----------------------------------------------------------------

  private static final class Diff {
    String compare(Nml e, Nml a) {
      Map<Integer, Tree> actualTrees = byId(a.trees());
      for (Tree t : sorted(e.trees())) {
        String where = "tree " + id(t.id()) + " \"" + t.name() + "\"";
        Tree other = actualTrees.get(t.id());
        if (other == null) {
          return where + ": missing";
        }
        String d = tree(where, t, other);
        if (d != null) {
          return d;
        }
      }
      Map<Integer, Tree> expectedTrees = byId(e.trees());
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (Tree t : sorted(a.trees())) {
        if (!expectedTrees.containsKey(t.id()) || !seen.add(t.id())) {
          return "tree " + id(t.id()) + " \"" + t.name() + "\": not in the annotation";
        }
      }
      String d = groups(e, a);
      if (d != null) {
        return d;
      }
      d = comments(e.comments(), a.comments());
      return d != null ? d : branchpoints(e.branchpoints(), a.branchpoints());
    }

    private static String tree(String where, Tree e, Tree a) {
      String d =
          first(
              value(where, "name", e.name(), a.name()),
              color(where, e.color(), a.color()),
              value(where, "groupId", e.groupId(), a.groupId()),
              ifBoth(where, "type", e.type(), a.type()),
              ifBoth(where, "isVisible", e.isVisible(), a.isVisible()));
      if (d != null) {
        return d;
      }
      Map<Integer, Node> actualNodes = new HashMap<>();
      a.nodes().forEach(n -> actualNodes.put(n.id(), n));
      List<Node> nodes = new ArrayList<>(e.nodes());
      nodes.sort(Comparator.comparingInt(Node::id));
      for (Node n : nodes) {
        Node other = actualNodes.remove(n.id());
        String at = where + " / node " + id(n.id());
        if (other == null) {
          return at + ": missing";
        }
        d = node(at, n, other);
        if (d != null) {
          return d;
        }
      }
      if (!actualNodes.isEmpty()) {
        int extra = actualNodes.keySet().stream().min(Integer::compare).orElseThrow();
        return where + " / node " + id(extra) + ": not in the annotation";
      }
      Map<String, Integer> edges = new LinkedHashMap<>();
      a.edges().forEach(x -> edges.merge(edge(x), 1, Integer::sum));
      for (Edge x : e.edges()) {
        Integer left = edges.get(edge(x));
        if (left == null || left == 0) {
          return where + " / edge " + edge(x) + ": missing";
        }
        edges.put(edge(x), left - 1);
      }
      for (Map.Entry<String, Integer> x : edges.entrySet()) {
        if (x.getValue() > 0) {
          return where + " / edge " + x.getKey() + ": not in the annotation";
        }
      }
      return null;
    }

    private static String edge(Edge e) {
      return id(e.source()) + "→" + id(e.target());
    }

    private static String node(String at, Node e, Node a) {
      return first(
          value(at, "x", e.x(), a.x()),
          value(at, "y", e.y(), a.y()),
          value(at, "z", e.z(), a.z()),
          number(at, "radius", e.radius(), a.radius()),
          number(at, "rotX", e.rotX(), a.rotX()),
          number(at, "rotY", e.rotY(), a.rotY()),
          number(at, "rotZ", e.rotZ(), a.rotZ()),
          value(at, "inVp", e.inVp(), a.inVp()),
          value(at, "inMag", e.inMag(), a.inMag()),
          value(at, "bitDepth", e.bitDepth(), a.bitDepth()),
          value(at, "interpolation", e.interpolation(), a.interpolation()),
          value(at, "time", e.time(), a.time()));
    }

    private static String groups(Nml e, Nml a) {
      Map<Integer, Placed> expected = placed(e.groups());
      Map<Integer, Placed> actual = placed(a.groups());
      for (Map.Entry<Integer, Placed> g : expected.entrySet()) {
        Placed other = actual.get(g.getKey());
        String where = "group " + id(g.getKey()) + " \"" + g.getValue().group().name() + "\"";
        if (other == null) {
          return where + ": missing";
        }
        String d =
            first(
                value(where, "name", g.getValue().group().name(), other.group().name()),
                value(where, "parent group", g.getValue().parent(), other.parent()),
                ifBoth(
                    where,
                    "isExpanded",
                    g.getValue().group().isExpanded(),
                    other.group().isExpanded()));
        if (d != null) {
          return d;
        }
      }
      for (Map.Entry<Integer, Placed> g : actual.entrySet()) {
        if (!expected.containsKey(g.getKey())) {
          return "group "
              + id(g.getKey())
              + " \""
              + g.getValue().group().name()
              + "\": not in the annotation";
        }
      }
      return null;
    }

    private static String comments(List<Comment> expected, List<Comment> actual) {
      List<Comment> left = new ArrayList<>(actual);
      List<Comment> wanted = new ArrayList<>(expected);
      wanted.sort(Comparator.comparingInt(Comment::node).thenComparing(Comment::content));
      for (Comment c : wanted) {
        if (left.remove(c)) {
          continue;
        }
        String where = "comment on node " + id(c.node());
        Optional<Comment> onNode = left.stream().filter(x -> x.node() == c.node()).findFirst();
        if (onNode.isPresent()) {
          return value(where, "content", c.content(), onNode.get().content());
        }
        return where + " " + quote(c.content()) + ": missing";
      }
      if (!left.isEmpty()) {
        Comment c = left.get(0);
        return "comment on node "
            + id(c.node())
            + " "
            + quote(c.content())
            + ": not in the annotation";
      }
      return null;
    }

    private static String branchpoints(List<Branchpoint> expected, List<Branchpoint> actual) {
      List<Branchpoint> left = new ArrayList<>(actual);
      List<Branchpoint> wanted = new ArrayList<>(expected);
      wanted.sort(Comparator.comparingInt(Branchpoint::id));
      for (Branchpoint b : wanted) {
        String where = "branchpoint on node " + id(b.id());
        Optional<Branchpoint> same = left.stream().filter(x -> x.id() == b.id()).findFirst();
        if (same.isEmpty()) {
          return where + ": missing";
        }
        left.remove(same.get());
        String d = value(where, "time", b.time(), same.get().time());
        if (d != null) {
          return d;
        }
      }
      if (!left.isEmpty()) {
        return "branchpoint on node " + id(left.get(0).id()) + ": not in the annotation";
      }
      return null;
    }

    /** A group and the id of the group it is in (null at the top). */
    private record Placed(Group group, Integer parent) {}

    private static Map<Integer, Placed> placed(List<Group> groups) {
      Map<Integer, Placed> out = new java.util.TreeMap<>();
      place(groups, null, out);
      return out;
    }

    private static void place(List<Group> groups, Integer parent, Map<Integer, Placed> out) {
      for (Group g : groups) {
        out.put(g.id(), new Placed(g, parent));
        place(g.children(), g.id(), out);
      }
    }

    private static String color(String where, Color e, Color a) {
      Color x = e == null ? Color.NONE : e;
      Color y = a == null ? Color.NONE : a;
      return first(
          number(where, "color.r", x.r(), y.r()),
          number(where, "color.g", x.g(), y.g()),
          number(where, "color.b", x.b(), y.b()),
          number(where, "color.a", x.a(), y.a()));
    }
  }

  // --- values ------------------------------------------------------------------------------------

  private static String first(String... differences) {
    for (String d : differences) {
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static String value(String where, String what, Object e, Object a) {
    return Objects.equals(e, a) ? null : where + " / " + what + ": " + show(e) + " ≠ " + show(a);
  }

  /** An optional attribute: compared only where both documents give it. */
  private static String ifBoth(String where, String what, Object e, Object a) {
    return e == null || a == null ? null : value(where, what, e, a);
  }

  private static String number(String where, String what, Double e, Double a) {
    if (e == null || a == null) {
      return e == a ? null : where + " / " + what + ": " + show(e) + " ≠ " + show(a);
    }
    return close(e, a) ? null : where + " / " + what + ": " + show(e) + " ≠ " + show(a);
  }

  private static boolean close(double e, double a) {
    return Math.abs(e - a) <= 1e-6 * Math.max(1.0, Math.abs(e));
  }

  private static String show(Object v) {
    if (v == null) {
      return "(none)";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return v.toString();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static Map<Integer, Tree> byId(List<Tree> trees) {
    Map<Integer, Tree> m = new HashMap<>();
    for (Tree t : trees) {
      m.putIfAbsent(t.id(), t);
    }
    return m;
  }

  private static List<Tree> sorted(List<Tree> trees) {
    List<Tree> s = new ArrayList<>(trees);
    s.sort(Comparator.comparingInt(Tree::id));
    return s;
  }
}
