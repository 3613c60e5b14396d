package org.wkcheck.nml;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.NmlMerge.FileMarking;
import org.wkcheck.nml.NmlMerge.NamedNml;

/**
 * {@link NmlMerge}: merging shifts ids so that all are unique while edges, comments, branchpoints
 * and group references keep pointing at what they pointed at; uploads are marked per file by a
 * group or a tree-name prefix. Every node of the fixtures has a position of its own, so a node is
 * recognised by its position whatever its id becomes.
 */
public class NmlMergeTest {

  private static Node node(int id, int x) {
    return new Node(id, 1.0, x, 0, 0, 0, 0, 0, 0, 0, 0, false, 0);
  }

  private static Parameters params(String dataset) {
    return Parameters.of(dataset, "Organization_X", new Vec3d(1, 1, 1));
  }

  /**
   * A document whose node positions start at {@code xBase}: trees {@code firstTree} and {@code
   * firstTree+1}, nodes from {@code firstNode}, groups from {@code firstGroup} (the second nested
   * in the first), comments and branchpoints on its nodes.
   */
  static Nml document(String name, int firstTree, int firstNode, int firstGroup, int xBase) {
    int n = firstNode;
    Tree a =
        new Tree(
            firstTree,
            new Color(1.0, 0.0, 0.0, 1.0),
            name + "_tree_a",
            null,
            null,
            null,
            List.of(node(n, xBase), node(n + 1, xBase + 1), node(n + 2, xBase + 2)),
            List.of(new Edge(n, n + 1), new Edge(n + 1, n + 2)));
    Tree b =
        new Tree(
            firstTree + 1,
            new Color(0.0, 1.0, 0.0, 1.0),
            name + "_tree_b",
            firstGroup + 1,
            null,
            null,
            List.of(node(n + 3, xBase + 3), node(n + 4, xBase + 4)),
            List.of(new Edge(n + 4, n + 3)));
    Group groups =
        new Group(
            firstGroup,
            name + "_outer",
            null,
            List.of(new Group(firstGroup + 1, name + "_inner", null, List.of())));
    return new Nml(
        List.of(),
        params("l4_sample"),
        List.of(a, b),
        List.of(new Branchpoint(n + 1, 5L)),
        List.of(new Comment(n + 2, name + " comment"), new Comment(n + 4, name + " other")),
        List.of(groups),
        List.of());
  }

  /** Node id to x position. */
  private static Map<Integer, Integer> positions(Nml nml) {
    Map<Integer, Integer> m = new HashMap<>();
    for (Tree t : nml.trees()) {
      for (Node n : t.nodes()) {
        m.put(n.id(), n.x());
      }
    }
    return m;
  }

  /** Edges, comments and branchpoints as positions: what must survive any renumbering. */
  private static Set<String> references(Nml nml) {
    Map<Integer, Integer> pos = positions(nml);
    Set<String> out = new HashSet<>();
    for (Tree t : nml.trees()) {
      for (Edge e : t.edges()) {
        out.add("edge " + pos.get(e.source()) + "->" + pos.get(e.target()) + " in " + t.name());
      }
      for (Node n : t.nodes()) {
        out.add("node " + n.x() + " in " + t.name());
      }
    }
    for (Comment c : nml.comments()) {
      out.add("comment '" + c.content() + "' at " + pos.get(c.node()));
    }
    for (Branchpoint b : nml.branchpoints()) {
      out.add("branchpoint at " + pos.get(b.id()));
    }
    return out;
  }

  private static Map<Integer, Group> groupsById(List<Group> groups, Map<Integer, Group> into) {
    for (Group g : groups) {
      into.put(g.id(), g);
      groupsById(g.children(), into);
    }
    return into;
  }

  /** Tree name to the name of its group (or null). */
  private static Map<String, String> treeGroups(Nml nml) {
    Map<Integer, Group> groups = groupsById(nml.groups(), new HashMap<>());
    Map<String, String> out = new HashMap<>();
    for (Tree t : nml.trees()) {
      if (t.groupId() == null) {
        out.put(t.name(), null);
      } else {
        Group g = groups.get(t.groupId());
        assertNotNull(g, "tree " + t.name() + " refers to a missing group " + t.groupId());
        out.put(t.name(), g.name());
      }
    }
    return out;
  }

  /** Asserts that tree, node and group ids are all unique and all references resolve. */
  private static void assertIdsUniqueAndResolved(Nml merged) {
    Set<Integer> trees = new HashSet<>();
    Set<Integer> nodes = new HashSet<>();
    for (Tree t : merged.trees()) {
      assertTrue(trees.add(t.id()), "tree id " + t.id() + " twice");
      for (Node n : t.nodes()) {
        assertTrue(nodes.add(n.id()), "node id " + n.id() + " twice");
      }
      Set<Integer> own = new HashSet<>();
      t.nodes().forEach(n -> own.add(n.id()));
      for (Edge e : t.edges()) {
        assertTrue(
            own.contains(e.source()) && own.contains(e.target()),
            "edge " + e + " leaves tree " + t.name());
      }
    }
    for (Comment c : merged.comments()) {
      assertTrue(nodes.contains(c.node()), "comment on missing node " + c.node());
    }
    for (Branchpoint b : merged.branchpoints()) {
      assertTrue(nodes.contains(b.id()), "branchpoint on missing node " + b.id());
    }
    List<Integer> groupIds = merged.groupIds();
    assertEquals(
        new HashSet<>(groupIds).size(), groupIds.size(), "group ids not unique: " + groupIds);
  }

  private static Set<String> union(Nml... docs) {
    Set<String> all = new HashSet<>();
    for (Nml d : docs) {
      all.addAll(references(d));
    }
    return all;
  }

  private static Map<String, String> unionGroups(Nml... docs) {
    Map<String, String> all = new HashMap<>();
    for (Nml d : docs) {
      all.putAll(treeGroups(d));
    }
    return all;
  }

  /**
   * Merges the documents and asserts what every merge keeps: tree, node and group ids unique and
   * resolved, every edge, comment and branchpoint on its node, every tree in its group.
   */
  private static Nml assertMergeKeepsEverything(Nml... docs) {
    Nml merged = NmlMerge.merge(List.of(docs));
    assertIdsUniqueAndResolved(merged);
    assertEquals(references(merged), union(docs));
    assertEquals(treeGroups(merged), unionGroups(docs));
    return merged;
  }

  // --- merge ------------------------------------------------------------------------------------

  /**
   * merge MUST shift the ids of later documents so that all tree, node and group ids are unique.
   */
  @Test
  public void mergeMakesAllIdsUnique() {
    Nml merged =
        assertMergeKeepsEverything(
            document("a", 1, 1, 1, 0), document("b", 1, 1, 1, 100), document("c", 1, 1, 1, 200));
    assertEquals(merged.trees().size(), 6);
    assertEquals(merged.nodeCount(), 15);
    assertEquals(merged.edgeCount(), 9);
    assertEquals(merged.comments().size(), 6);
    assertEquals(merged.branchpoints().size(), 3);
    assertEquals(merged.groupIds().size(), 6);
  }

  /**
   * merge MUST keep every edge, comment and branchpoint on the node it was on, and every tree in
   * its group.
   */
  @Test
  public void mergeKeepsReferencesOnTheirNodes() {
    assertMergeKeepsEverything(
        document("a", 1, 1, 1, 0), document("b", 3, 2, 5, 100), document("c", 1, 1, 1, 200));
  }

  /** merge MUST leave the first document's ids as they are and take its parameters. */
  @Test
  public void mergeKeepsTheFirstDocumentAsItIs() {
    Nml a = document("a", 4, 10, 3, 0).withParameters(params("first_dataset"));
    Nml b = document("b", 1, 1, 1, 100).withParameters(params("second_dataset"));
    Nml merged = NmlMerge.merge(List.of(a, b));
    assertEquals(merged.trees().subList(0, 2), a.trees());
    assertEquals(merged.groups().get(0), a.groups().get(0));
    assertEquals(merged.parameters().experiment().name(), "first_dataset");
  }

  /** merge MUST keep ids unique even when later documents number from 0. */
  @Test
  public void mergeKeepsIdsUniqueForDocumentsNumberedFromZero() {
    assertMergeKeepsEverything(document("a", 0, 0, 0, 0), document("b", 0, 0, 0, 100));
  }

  /**
   * merge MUST keep ids unique when a later document has higher ids than the earlier one (no
   * overlap assumptions).
   */
  @Test
  public void mergeKeepsIdsUniqueForInterleavedNumbering() {
    assertMergeKeepsEverything(
        document("a", 5, 50, 7, 0), document("b", 1, 48, 6, 100), document("c", 60, 1, 1, 200));
  }

  // --- combineUploads ---------------------------------------------------------------------------

  /** Upload "a": document a with tree, node and group ids from 1. */
  private static Nml uploadA() {
    return document("a", 1, 1, 1, 0);
  }

  /** Upload "b": document b, its ids numbered like those of {@link #uploadA}. */
  private static Nml uploadB() {
    return document("b", 1, 1, 1, 100);
  }

  private static Nml combine(FileMarking marking, String name, Nml nml) {
    return NmlMerge.combineUploads(List.of(new NamedNml(name, nml)), marking);
  }

  private static Nml combine(
      FileMarking marking, String firstName, Nml first, String secondName, Nml second) {
    return NmlMerge.combineUploads(
        List.of(new NamedNml(firstName, first), new NamedNml(secondName, second)), marking);
  }

  /**
   * With GROUP_PER_FILE every file's trees and groups MUST be wrapped in a new group named after
   * the file (without .nml).
   */
  @Test
  public void groupPerFileWrapsEachFileInAGroupNamedAfterIt() {
    Nml a = uploadA();
    Nml b = uploadB();
    Nml combined = combine(FileMarking.GROUP_PER_FILE, "first.nml", a, "uploads/second.nml", b);
    assertIdsUniqueAndResolved(combined);
    assertEquals(combined.groups().size(), 2, "one top group per file: " + combined.groups());
    Group first = combined.groups().get(0);
    Group second = combined.groups().get(1);
    assertEquals(first.name(), "first");
    assertEquals(second.name(), "second");
    assertEquals(first.children().size(), 1);
    assertEquals(first.children().get(0).name(), "a_outer");
    assertEquals(first.children().get(0).children().get(0).name(), "a_inner");
    assertEquals(second.children().get(0).name(), "b_outer");
    // every tree lies inside its file's group; names unchanged
    Map<Integer, Group> all = groupsById(combined.groups(), new HashMap<>());
    for (Tree t : combined.trees()) {
      Group top = t.name().startsWith("a_") ? first : second;
      List<Integer> inside = new ArrayList<>();
      top.collectIds(inside);
      assertNotNull(t.groupId(), "tree " + t.name() + " in no group");
      assertTrue(
          inside.contains(t.groupId()), "tree " + t.name() + " in group " + all.get(t.groupId()));
    }
    Map<String, String> groupsOfTrees = treeGroups(combined);
    assertEquals(groupsOfTrees.get("a_tree_a"), "first");
    assertEquals(groupsOfTrees.get("a_tree_b"), "a_inner");
    assertEquals(groupsOfTrees.get("b_tree_a"), "second");
    assertEquals(groupsOfTrees.get("b_tree_b"), "b_inner");
    assertEquals(references(combined), union(a, b));
  }

  /** With GROUP_PER_FILE a single file MUST also be wrapped in a group named after it. */
  @Test
  public void groupPerFileWrapsASingleFileToo() {
    Nml a = uploadA();
    Nml combined = combine(FileMarking.GROUP_PER_FILE, "only.nml", a);
    assertEquals(combined.groups().size(), 1);
    assertEquals(combined.groups().get(0).name(), "only");
    assertEquals(treeGroups(combined).get("a_tree_a"), "only");
    assertIdsUniqueAndResolved(combined);
  }

  /**
   * With PREFIX_TREE_NAMES and several files, tree names MUST be prefixed with {@code <file>_}; no
   * group is added.
   */
  @Test
  public void prefixTreeNamesPrefixesWhenThereAreSeveralFiles() {
    Nml a = uploadA();
    Nml b = uploadB();
    Nml combined = combine(FileMarking.PREFIX_TREE_NAMES, "first.nml", a, "dir/second.zip", b);
    List<String> names = combined.trees().stream().map(Tree::name).toList();
    assertEquals(
        names, List.of("first_a_tree_a", "first_a_tree_b", "second_b_tree_a", "second_b_tree_b"));
    assertEquals(combined.groups().size(), 2, "no wrapping groups: " + combined.groups());
    assertEquals(combined.groups().get(0).name(), "a_outer");
    assertEquals(combined.groups().get(1).name(), "b_outer");
    assertIdsUniqueAndResolved(combined);
    assertEquals(treeGroups(combined).get("first_a_tree_a"), null);
    assertEquals(treeGroups(combined).get("second_b_tree_b"), "b_inner");
  }

  /** With PREFIX_TREE_NAMES and a single file, tree names MUST stay as they are. */
  @Test
  public void prefixTreeNamesLeavesASingleFileAlone() {
    Nml a = uploadA();
    Nml combined = combine(FileMarking.PREFIX_TREE_NAMES, "only.nml", a);
    assertEquals(combined.trees(), a.trees());
    assertEquals(combined.groups(), a.groups());
    assertNull(treeGroups(combined).get("a_tree_a"));
  }

  // --- baseName ---------------------------------------------------------------------------------

  /** baseName MUST strip folders (either slash) and a .nml or .zip extension, in any case. */
  @Test
  public void baseNameStripsFoldersAndExtension() {
    assertEquals(NmlMerge.baseName("tracing.nml"), "tracing");
    assertEquals(NmlMerge.baseName("tracing.zip"), "tracing");
    assertEquals(NmlMerge.baseName("tracing.NML"), "tracing");
    assertEquals(NmlMerge.baseName("tracing.Zip"), "tracing");
    assertEquals(NmlMerge.baseName("some/dir/tracing.nml"), "tracing");
    assertEquals(NmlMerge.baseName("C:\\Users\\x\\tracing.zip"), "tracing");
    assertEquals(NmlMerge.baseName("my.tracing.v2.nml"), "my.tracing.v2");
    assertEquals(NmlMerge.baseName("notes.txt"), "notes.txt");
    assertEquals(NmlMerge.baseName("noextension"), "noextension");
    assertEquals(NmlMerge.baseName("dir/"), "");
  }
}
