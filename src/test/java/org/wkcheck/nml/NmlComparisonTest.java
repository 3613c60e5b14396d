package org.wkcheck.nml;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml.Branchpoint;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Comment;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.NmlComparison.Ids;

/**
 * {@link NmlComparison}: equal up to order and to what a server writes of its own; every lost or
 * changed detail of the skeleton found and named by its path; ids renumbered only where allowed.
 */
public class NmlComparisonTest {

  private static Node node(int id, int x, double radius) {
    return new Node(
        id, radius, x, 20, 30, 1.5, 2.5, 3.5, 1, 2, 8, id % 2 == 0, 1_600_000_000L + id);
  }

  /** A tree without the optional type and visibility. */
  private static Tree tree(
      int id, Color color, String name, Integer groupId, List<Node> nodes, List<Edge> edges) {
    return new Tree(id, color, name, groupId, null, null, nodes, edges);
  }

  /** The tree with the type and the visibility a server writes. */
  private static Tree shown(Tree t, boolean visible) {
    return new Tree(
        t.id(), t.color(), t.name(), t.groupId(), "DEFAULT", visible, t.nodes(), t.edges());
  }

  /**
   * Tree 1 "axon" (nodes 1..4, a branch at 2, in group 6 inside group 5) and tree 2 "dendrite"
   * (nodes 5, 6, ungrouped); comments on nodes 2 and 5; branchpoint on node 2.
   */
  static Nml sample() {
    Tree axon =
        tree(
            1,
            new Color(0.25, 0.5, 0.75, 1.0),
            "axon",
            6,
            List.of(node(1, 10, 1.5), node(2, 11, 2.25), node(3, 12, 1.0), node(4, 13, 1.0)),
            List.of(new Edge(1, 2), new Edge(2, 3), new Edge(2, 4)));
    Tree dendrite =
        tree(
            2,
            new Color(1.0, 0.0, 0.0, 1.0),
            "dendrite",
            null,
            List.of(node(5, 20, 1.0), node(6, 21, 1.0)),
            List.of(new Edge(5, 6)));
    return new Nml(
        List.of(new Meta("writer", "test")),
        Parameters.of("l4_sample", "Organization_X", new Vec3d(1, 1, 1)),
        List.of(axon, dendrite),
        List.of(new Branchpoint(2, 1_600_000_000_002L)),
        List.of(new Comment(2, "branch here"), new Comment(5, "soma")),
        List.of(new Group(5, "outer", true, List.of(new Group(6, "inner", null, List.of())))),
        List.of());
  }

  private static <T> List<T> reversed(List<T> l) {
    List<T> r = new ArrayList<>(l);
    java.util.Collections.reverse(r);
    return r;
  }

  private static Optional<String> diff(Nml changed) {
    return NmlComparison.firstDifference(sample(), changed, Ids.KEPT);
  }

  private static Nml withTree(Nml doc, int index, UnaryOperator<Tree> change) {
    List<Tree> trees = new ArrayList<>(doc.trees());
    trees.set(index, change.apply(trees.get(index)));
    return doc.withTrees(trees);
  }

  /** The sample with these nodes in tree {@code index} (0: axon, 1: dendrite). */
  private static Nml withNodes(int index, List<Node> nodes) {
    return withTree(sample(), index, t -> t.withNodesAndEdges(nodes, t.edges()));
  }

  /** The sample with these edges in tree {@code index} (0: axon, 1: dendrite). */
  private static Nml withEdges(int index, List<Edge> edges) {
    return withTree(sample(), index, t -> t.withNodesAndEdges(t.nodes(), edges));
  }

  private static Nml withComments(Nml d, List<Comment> comments) {
    return new Nml(
        d.meta(), d.parameters(), d.trees(), d.branchpoints(), comments, d.groups(), d.volumes());
  }

  private static Nml withBranchpoints(Nml d, List<Branchpoint> bs) {
    return new Nml(d.meta(), d.parameters(), d.trees(), bs, d.comments(), d.groups(), d.volumes());
  }

  @Test
  public void sameSkeletonInAnotherOrderWithAnotherHeaderIsEqual() {
    Nml s = sample();
    List<Tree> trees = new ArrayList<>();
    for (Tree t : reversed(s.trees())) {
      trees.add(t.withNodesAndEdges(reversed(t.nodes()), reversed(t.edges())));
    }
    Nml other =
        new Nml(
                List.of(new Meta("writer", "server"), new Meta("timestamp", "1")),
                Parameters.of("l4_sample", "Organization_X", new Vec3d(11.24, 11.24, 28))
                    .withScaleAndTime(new Vec3d(11.24, 11.24, 28), 99L)
                    .withEditPose(new Vec3d(1, 2, 3), new Vec3d(0, 0, 90)),
                trees,
                s.branchpoints(),
                reversed(s.comments()),
                s.groups(),
                s.volumes())
            .withTrees(trees);
    assertEquals(diff(other), Optional.empty());
    assertEquals(NmlComparison.firstDifference(s, other, Ids.RENUMBERED), Optional.empty());
  }

  @Test
  public void optionalAttributesCountOnlyWhereBothGiveThem() {
    Nml visible = withTree(sample(), 0, t -> shown(t, true));
    assertEquals(diff(visible), Optional.empty());
    Nml hidden = withTree(visible, 0, t -> shown(t, false));
    assertEquals(
        NmlComparison.firstDifference(visible, hidden, Ids.KEPT),
        Optional.of("tree 1 \"axon\" / isVisible: true ≠ false"));
  }

  /** A lost edge, a reversed one (edges have a direction) and one given twice are each named. */
  @Test
  public void lostReversedAndExtraEdgesAreNamed() {
    Nml lost = withEdges(0, List.of(new Edge(1, 2), new Edge(2, 3)));
    assertEquals(diff(lost), Optional.of("tree 1 \"axon\" / edge 2→4: missing"));
    Nml reversed = withEdges(1, List.of(new Edge(6, 5)));
    assertEquals(diff(reversed), Optional.of("tree 2 \"dendrite\" / edge 5→6: missing"));
    Nml extra = withEdges(1, List.of(new Edge(5, 6), new Edge(5, 6)));
    assertEquals(diff(extra), Optional.of("tree 2 \"dendrite\" / edge 5→6: not in the annotation"));
  }

  @Test
  public void aChangedNodeAttributeIsNamed() {
    Nml changed =
        withTree(
            sample(),
            0,
            t -> {
              List<Node> nodes = new ArrayList<>(t.nodes());
              nodes.set(1, node(2, 11, 2.0));
              return t.withNodesAndEdges(nodes, t.edges());
            });
    assertEquals(diff(changed), Optional.of("tree 1 \"axon\" / node 2 / radius: 2.25 ≠ 2.0"));
    Nml moved = withNodes(1, List.of(node(5, 20, 1.0), node(6, 22, 1.0)));
    assertEquals(diff(moved), Optional.of("tree 2 \"dendrite\" / node 6 / x: 21 ≠ 22"));
  }

  @Test
  public void everyNodeAttributeCounts() {
    Node n = node(5, 20, 1.0);
    List<Node> variants =
        List.of(
            new Node(5, 1, 20, 21, 30, 1.5, 2.5, 3.5, 1, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 31, 1.5, 2.5, 3.5, 1, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.0, 2.5, 3.5, 1, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.0, 3.5, 1, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.0, 1, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.5, 0, 2, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.5, 1, 1, 8, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.5, 1, 2, 4, false, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.5, 1, 2, 8, true, n.time()),
            new Node(5, 1, 20, 20, 30, 1.5, 2.5, 3.5, 1, 2, 8, false, 0));
    List<String> named =
        List.of(
            "y", "z", "rotX", "rotY", "rotZ", "inVp", "inMag", "bitDepth", "interpolation", "time");
    for (int i = 0; i < variants.size(); i++) {
      Node v = variants.get(i);
      Nml changed = withNodes(1, List.of(v, node(6, 21, 1.0)));
      Optional<String> d = diff(changed);
      assertTrue(
          d.isPresent()
              && d.get().startsWith("tree 2 \"dendrite\" / node 5 / " + named.get(i) + ":"),
          named.get(i) + ": " + d);
    }
  }

  @Test
  public void aMissingOrExtraNodeOrTreeIsNamed() {
    Nml lostNode =
        withTree(sample(), 1, t -> t.withNodesAndEdges(List.of(t.nodes().get(0)), List.of()));
    assertEquals(diff(lostNode), Optional.of("tree 2 \"dendrite\" / node 6: missing"));
    Nml extraNode = withNodes(1, List.of(node(5, 20, 1.0), node(6, 21, 1.0), node(7, 40, 1.0)));
    assertEquals(
        diff(extraNode), Optional.of("tree 2 \"dendrite\" / node 7: not in the annotation"));
    Nml lostTree = sample().withTrees(List.of(sample().trees().get(0)));
    assertEquals(diff(lostTree), Optional.of("tree 2 \"dendrite\": missing"));
    List<Tree> three = new ArrayList<>(sample().trees());
    three.add(tree(3, Color.NONE, "extra", null, List.of(), List.of()));
    assertEquals(
        diff(sample().withTrees(three)), Optional.of("tree 3 \"extra\": not in the annotation"));
  }

  @Test
  public void treeAttributesCount() {
    Nml renamed = withTree(sample(), 1, t -> t.withIdNameGroup(t.id(), "dendrite 2", t.groupId()));
    assertEquals(
        diff(renamed), Optional.of("tree 2 \"dendrite\" / name: \"dendrite\" ≠ \"dendrite 2\""));
    Nml ungrouped = withTree(sample(), 0, t -> t.withIdNameGroup(t.id(), t.name(), null));
    assertEquals(diff(ungrouped), Optional.of("tree 1 \"axon\" / groupId: 6 ≠ (none)"));
    Nml recoloured =
        withTree(
            sample(),
            1,
            t -> tree(t.id(), new Color(1.0, 0.0, 0.5, 1.0), t.name(), null, t.nodes(), t.edges()));
    assertEquals(diff(recoloured), Optional.of("tree 2 \"dendrite\" / color.b: 0.0 ≠ 0.5"));
  }

  @Test
  public void commentsAndBranchpointsCount() {
    Nml lostComment = withComments(sample(), List.of(new Comment(5, "soma")));
    assertEquals(diff(lostComment), Optional.of("comment on node 2 \"branch here\": missing"));
    Nml rewritten =
        withComments(sample(), List.of(new Comment(2, "branch"), new Comment(5, "soma")));
    assertEquals(
        diff(rewritten), Optional.of("comment on node 2 / content: \"branch here\" ≠ \"branch\""));
    List<Comment> more = new ArrayList<>(sample().comments());
    more.add(new Comment(6, "tip"));
    assertEquals(
        diff(withComments(sample(), more)),
        Optional.of("comment on node 6 \"tip\": not in the annotation"));
    assertEquals(
        diff(withBranchpoints(sample(), List.of())), Optional.of("branchpoint on node 2: missing"));
    assertEquals(
        diff(withBranchpoints(sample(), List.of(new Branchpoint(2, 5L)))),
        Optional.of("branchpoint on node 2 / time: 1600000000002 ≠ 5"));
    assertEquals(
        diff(
            withBranchpoints(
                sample(), List.of(new Branchpoint(2, 1_600_000_000_002L), new Branchpoint(4, 1L)))),
        Optional.of("branchpoint on node 4: not in the annotation"));
  }

  @Test
  public void groupsCount() {
    Nml flat =
        sample()
            .withGroups(
                List.of(
                    new Group(5, "outer", true, List.of()),
                    new Group(6, "inner", null, List.of())));
    assertEquals(diff(flat), Optional.of("group 6 \"inner\" / parent group: 5 ≠ (none)"));
    Nml lost = sample().withGroups(List.of(new Group(5, "outer", true, List.of())));
    assertEquals(diff(lost), Optional.of("group 6 \"inner\": missing"));
    Nml renamed =
        sample()
            .withGroups(
                List.of(
                    new Group(5, "outer", true, List.of(new Group(6, "Inner", null, List.of())))));
    assertEquals(diff(renamed), Optional.of("group 6 \"inner\" / name: \"inner\" ≠ \"Inner\""));
  }

  @Test
  public void floatsAreEqualAsThirtyTwoBitValues() {
    Nml a = withNodes(1, List.of(node(5, 20, 1.1), node(6, 21, 1.0)));
    Nml b = withNodes(1, List.of(node(5, 20, (double) 1.1f), node(6, 21, 1.0)));
    assertEquals(NmlComparison.firstDifference(a, b, Ids.KEPT), Optional.empty());
  }

  /** The sample with every tree, node and group id shifted by {@code by}. */
  private static Nml shifted(Nml d, int by) {
    return NmlMerge.merge(List.of(emptyWithIdsBelow(by), d)).withMeta(d.meta());
  }

  /** A document whose largest tree, node and group id is {@code by - 1}, and no content. */
  private static Nml emptyWithIdsBelow(int by) {
    Node placeholder = node(by - 1, -1000, 1.0);
    Tree t = tree(by - 1, Color.NONE, "placeholder", null, List.of(placeholder), List.of());
    return Nml.empty(sample().parameters())
        .withTrees(List.of(t))
        .withGroups(List.of(new Group(by - 1, "placeholder", null, List.of())));
  }

  private static Nml withoutPlaceholder(Nml d) {
    return d.withTrees(d.trees().stream().filter(t -> !t.name().equals("placeholder")).toList())
        .withGroups(d.groups().stream().filter(g -> !g.name().equals("placeholder")).toList());
  }

  @Test
  public void renumberedIdsAreEqualOnlyWhereAllowed() {
    Nml moved = withoutPlaceholder(shifted(sample(), 100));
    assertTrue(moved.trees().stream().allMatch(t -> t.id() >= 100), moved.trees().toString());
    assertEquals(NmlComparison.firstDifference(sample(), moved, Ids.RENUMBERED), Optional.empty());
    assertEquals(diff(moved), Optional.of("tree 1 \"axon\": missing"));
  }

  @Test
  public void aRenumberedDownloadNamesDifferencesByTheAnnotationsIds() {
    Nml moved = withoutPlaceholder(shifted(sample(), 100));
    Nml lostEdge = withTree(moved, 0, t -> t.withNodesAndEdges(t.nodes(), t.edges().subList(0, 2)));
    assertEquals(
        NmlComparison.firstDifference(sample(), lostEdge, Ids.RENUMBERED),
        Optional.of("tree 1 \"axon\" / edge 2→4: missing"));
    Nml thinner =
        withTree(
            moved,
            0,
            t -> {
              List<Node> nodes = new ArrayList<>(t.nodes());
              Node n = nodes.get(1);
              nodes.set(
                  1,
                  new Node(
                      n.id(),
                      9.0,
                      n.x(),
                      n.y(),
                      n.z(),
                      n.rotX(),
                      n.rotY(),
                      n.rotZ(),
                      n.inVp(),
                      n.inMag(),
                      n.bitDepth(),
                      n.interpolation(),
                      n.time()));
              return t.withNodesAndEdges(nodes, t.edges());
            });
    assertEquals(
        NmlComparison.firstDifference(sample(), thinner, Ids.RENUMBERED),
        Optional.of("tree 1 \"axon\" / node 2 / radius: 2.25 ≠ 9.0"));
    List<Tree> more = new ArrayList<>(moved.trees());
    more.add(tree(500, Color.NONE, "extra", null, List.of(node(500, 99, 1.0)), List.of()));
    Nml extra = moved.withTrees(more);
    assertEquals(
        NmlComparison.firstDifference(sample(), extra, Ids.RENUMBERED),
        Optional.of("tree 500 (the download's) \"extra\": not in the annotation"));
  }

  @Test
  public void aMergeIsTheUnionUpToRenumbering() {
    Nml first = sample();
    Nml second = withoutPlaceholder(shifted(sample(), 3));
    Nml expected = NmlMerge.merge(List.of(first, second));
    Nml otherShift = NmlMerge.merge(List.of(emptyWithIdsBelow(1000), second, first));
    Nml actual = withoutPlaceholder(otherShift);
    assertEquals(NmlComparison.firstDifference(expected, actual, Ids.RENUMBERED), Optional.empty());
    Nml onlyFirst = NmlMerge.merge(List.of(first));
    assertEquals(
        NmlComparison.firstDifference(expected, onlyFirst, Ids.RENUMBERED)
            .map(s -> s.endsWith(": missing")),
        Optional.of(true));
  }
}
