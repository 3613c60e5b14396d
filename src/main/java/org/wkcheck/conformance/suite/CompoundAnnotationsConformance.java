package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.that;

import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.nml.Nml;
import tools.jackson.databind.JsonNode;

/**
 * Compound annotations ({@code :typ} CompoundTask, CompoundProject, CompoundTaskType): the merge of
 * the finished annotations of a task, project or task type, on info, download, duplicate and merge,
 * and the shared cache of merges. Every test finishes task annotations of fresh projects of its
 * own, each made from an NML with a tree of its own, so the NML files of a compound download can be
 * told apart.
 *
 * <p>For CompoundTaskType the tests make a task type of their own (webKnossos' set-up route {@code
 * POST /taskTypes}), whose compound nothing has asked for before. Where the target makes none, they
 * fall back to the world's task type, which is shared with other projects and whose merge may be
 * cached by earlier requests: then only what holds regardless is checked.
 */
public class CompoundAnnotationsConformance extends AnnotationSupport {
  private static final String COMPOUND_TASK = "CompoundTask";
  private static final String COMPOUND_PROJECT = "CompoundProject";
  private static final String COMPOUND_TASK_TYPE = "CompoundTaskType";

  /** The NML files of a compound download, which must be a ZIP of valid NMLs. */
  private List<Nml> compoundNmls(String typ, String id) {
    return nmlsOf(zipDownload(download(typ, id)));
  }

  private static void holdsTree(List<Nml> nmls, Nml.Tree t, String title) {
    that(anyHolds(nmls, t), title, "an NML file holding tree " + t.name(), describe(nmls));
  }

  private static void lacksTree(List<Nml> nmls, Nml.Tree t, String title) {
    that(!anyHolds(nmls, t), title, "no NML file holding tree " + t.name(), describe(nmls));
  }

  private static String describe(List<Nml> nmls) {
    return nmls.size() + " NML files: " + nmls.stream().map(AnnotationSupport::treeNames).toList();
  }

  /**
   * GET /annotations/:typ/:id/info with a compound :typ MUST answer the compound selected: its typ
   * the :typ asked and its id the :id asked, for CompoundTask (a task id), CompoundProject (a
   * project id) and CompoundTaskType (a task type id). Checked on the answer itself.
   */
  @Test
  @Requirement("annotations.info.compound-answer-selected")
  public void infoOfACompoundAnswersTheTypAndIdAsked() {
    TaskWork w = finishedTaskWork();
    TaskItem t = w.get(0);
    for (Ref c :
        List.of(
            new Ref(COMPOUND_TASK, t.taskId()),
            new Ref(COMPOUND_PROJECT, w.projectId()),
            new Ref(COMPOUND_TASK_TYPE, t.taskTypeId()))) {
      JsonNode a = info(c.typ(), c.id());
      equal(a.path("typ").asString(), c.typ(), "Info answers the compound of the typ asked");
      equal(a.path("id").asString(), c.id(), "Info answers the compound of the id asked");
    }
  }

  /**
   * GET /annotations/CompoundTask/:id/info with a task id MUST answer 200 with an annotation, and
   * .../download MUST answer a ZIP holding one NML file per finished annotation of the task.
   */
  @Test
  @Requirement({
    "annotations.info.returns-annotation",
    "annotations.info.typ-compound-task",
    "annotations.download.returns-file",
    "annotations.download.path-params",
    "annotations.download.compound-task-zip"
  })
  public void compoundTaskIsTheTasksFinishedAnnotations() {
    TaskItem t = finishedTaskWork().get(0);
    info(COMPOUND_TASK, t.taskId());
    List<Nml> nmls = compoundNmls(COMPOUND_TASK, t.taskId());
    equal(nmls.size(), 1, "One NML file per finished annotation of the task");
    holdsTree(nmls, t.tree(), "The compound download holds the task's finished annotation");
  }

  /**
   * The compound annotation of a project MUST be merged from exactly its finished annotations: GET
   * /annotations/CompoundProject/:id/info with the project's id MUST answer 200, and .../download
   * MUST answer a ZIP with one NML file per finished annotation and none for an unfinished one.
   *
   * <p>Three tasks; the annotations of two are finished, the third stays active.
   */
  @Test
  @Requirement({
    "annotations.info.returns-annotation",
    "annotations.info.typ-compound-project",
    "annotations.download.path-params",
    "annotations.download.compound-project-zip",
    "annotations.compound.merged-from-finished"
  })
  public void compoundProjectIsMergedFromItsFinishedAnnotationsOnly() {
    TaskWork w = taskWork(3);
    finish(TASK, w.get(0).annotationId());
    finish(TASK, w.get(1).annotationId());
    info(COMPOUND_PROJECT, w.projectId());
    List<Nml> nmls = compoundNmls(COMPOUND_PROJECT, w.projectId());
    equal(nmls.size(), 2, "One NML file per finished annotation of the project");
    holdsTree(nmls, w.get(0).tree(), "The compound holds every finished annotation");
    holdsTree(nmls, w.get(1).tree(), "The compound holds every finished annotation");
    lacksTree(nmls, w.get(2).tree(), "The compound leaves out unfinished annotations");
  }

  /**
   * GET /annotations/CompoundTaskType/:id/info with a task type id MUST answer 200, and
   * .../download MUST answer a ZIP of NML files of the type's finished annotations, none of an
   * unfinished one, and (unless answered from a merge cached before) the one just finished.
   *
   * <p>On a task type of the test's own the compound is asked for only after the finish. Where the
   * target makes no task type, the world's (with annotations of other projects too) is used, whose
   * merge may be cached from before the finish, which the document allows for a few minutes: a
   * missing finished annotation is then a skip, not a failure.
   */
  @Test
  @Requirement({
    "annotations.info.typ-compound-task-type",
    "annotations.download.path-params",
    "annotations.download.compound-task-type-zip",
    "annotations.compound.merged-from-finished"
  })
  public void compoundTaskTypeDownloadHoldsItsFinishedAnnotations() {
    String fresh = freshTaskType();
    TaskWork w = fresh == null ? taskWork(2) : taskWork(2, this::oneTreeNml, fresh);
    String type = fresh == null ? w.get(0).taskTypeId() : fresh;
    finish(TASK, w.get(0).annotationId());
    List<Nml> nmls = compoundNmls(COMPOUND_TASK_TYPE, type);
    that(!nmls.isEmpty(), "The compound holds NML files", "at least one NML file", "none");
    lacksTree(nmls, w.get(1).tree(), "The compound leaves out unfinished annotations");
    info(COMPOUND_TASK_TYPE, type);
    if (fresh == null && !anyHolds(nmls, w.get(0).tree())) {
      throw new SkipException(
          "the target makes no task type through webKnossos' POST /api/taskTypes, and the"
              + " compound of the world's task type may come from a merge cached before this test"
              + " finished its annotation (allowed for a few minutes), so its inclusion cannot be"
              + " checked");
    }
    holdsTree(nmls, w.get(0).tree(), "The compound holds every finished annotation");
  }

  /**
   * The merge of a compound annotation MUST happen before GET .../info answers: the first info
   * request after an annotation was finished MUST answer 200, and its merge (which the download
   * then shares) MUST include that annotation.
   */
  @Test
  @Requirement("annotations.compound.merged-before-answer")
  public void compoundIsMergedBeforeTheInfoAnswers() {
    Replay r = replay(false);
    holdsTree(
        r.after(),
        r.work().get(0).tree(),
        "The merge of the info request includes the annotation finished before it");
  }

  /**
   * Within the cache lifetime a repeated compound download MUST be answered from the cached merge:
   * an annotation finished after the first download MUST NOT be included yet.
   *
   * <p>Downloads a project's compound, finishes another of its annotations, downloads again within
   * seconds.
   */
  @Test
  @Requirement("annotations.compound.cached-excludes-newly-finished")
  public void cachedCompoundExcludesANewlyFinishedAnnotation() {
    Replay r = replay(true);
    holdsTree(r.primed(), r.work().get(0).tree(), "The compound holds every finished annotation");
    withinSeconds(r.start());
    equal(r.after().size(), r.primed().size(), "A cached compound has the same NML files");
    lacksTree(
        r.after(), r.work().get(1).tree(), "A cached compound excludes newly finished annotations");
  }

  /**
   * The cache of merges MUST be shared between info and download: after GET .../info merged a
   * compound annotation, GET .../download MUST be served from that merge and MUST NOT include an
   * annotation finished in between.
   */
  @Test
  @Requirement("annotations.compound.cache-shared")
  public void compoundCacheIsSharedBetweenInfoAndDownload() {
    Replay r = replay(false);
    withinSeconds(r.start());
    holdsTree(
        r.after(),
        r.work().get(0).tree(),
        "The shared merge holds the annotation finished before it");
    lacksTree(
        r.after(),
        r.work().get(1).tree(),
        "The download is served from the merge of the info request");
  }

  /** A project's compound asked for before and after its second annotation was finished. */
  private record Replay(TaskWork work, long start, List<Nml> primed, List<Nml> after) {}

  /** A fresh project with one task, whose annotation of the main user is finished. */
  private TaskWork finishedTaskWork() {
    TaskWork w = taskWork(1);
    finish(TASK, w.get(0).annotationId());
    return w;
  }

  /**
   * Two task annotations of a fresh project: the first finished; then the project's compound asked
   * for (downloaded, or its info read); then the second finished; then the compound downloaded.
   */
  private Replay replay(boolean download) {
    TaskWork w = taskWork(2);
    finish(TASK, w.get(0).annotationId());
    long start = System.currentTimeMillis();
    List<Nml> primed = null;
    if (download) {
      primed = compoundNmls(COMPOUND_PROJECT, w.projectId());
    } else {
      info(COMPOUND_PROJECT, w.projectId());
    }
    finish(TASK, w.get(1).annotationId());
    return new Replay(w, start, primed, compoundNmls(COMPOUND_PROJECT, w.projectId()));
  }

  /** The cache checks assume the repeated request came within a minute ("a few minutes"). */
  private static void withinSeconds(long start) {
    long s = (System.currentTimeMillis() - start) / 1000;
    if (s > 60) {
      throw new SkipException(
          "the requests took " + s + " s, too long to be sure the cache is still in effect");
    }
  }

  /**
   * POST .../duplicate MUST accept CompoundTask with a task id and CompoundProject with a project
   * id, and answer 200 with a new annotation of the caller (an id other than :id).
   */
  @Test
  @Requirement({"annotations.duplicate.path-params", "annotations.duplicate.creates-copy"})
  public void duplicateAcceptsCompoundTaskAndProject() {
    TaskWork w = finishedTaskWork();
    for (Ref source : compounds(w)) {
      String id = duplicate(source.typ(), source.id()).path("id").asString();
      that(
          !id.equals(source.id()) && !id.isEmpty(),
          "Duplicate creates a new annotation",
          "an id other than " + source.id(),
          id);
      holdsAll(content(EXPLORATIONAL, id), List.of(w.get(0).tree()), "The copy holds the trees");
    }
  }

  /**
   * POST .../merge MUST accept CompoundTask with a task id as :typ/:id and CompoundProject with a
   * project id as :mergedTyp/:mergedId, and the new explorative annotation MUST hold the trees of
   * both sides.
   */
  @Test
  @Requirement({
    "annotations.merge.path-params-first",
    "annotations.merge.path-params-second",
    "annotations.merge.content-of-both"
  })
  public void mergeAcceptsCompoundTaskAndProject() {
    TaskWork w = finishedTaskWork();
    Nml nml = nmlWithTrees(1);
    String e = upload(nml);
    String first = merge(COMPOUND_TASK, w.get(0).taskId(), EXPLORATIONAL, e);
    Nml a = content(EXPLORATIONAL, first);
    holdsAll(a, List.of(w.get(0).tree()), "Merge holds the trees of the compound annotation");
    holdsAll(a, nml.trees(), "Merge holds the trees of the explorative annotation");
    String second = merge(EXPLORATIONAL, e, COMPOUND_PROJECT, w.projectId());
    Nml b = content(EXPLORATIONAL, second);
    holdsAll(b, nml.trees(), "Merge holds the trees of the explorative annotation");
    holdsAll(b, List.of(w.get(0).tree()), "Merge holds the trees of the compound annotation");
  }

  /**
   * POST .../duplicate and POST .../merge (as :typ and as :mergedTyp) MUST accept CompoundTaskType
   * with a task type id.
   *
   * <p>Only the explorative side of the merges is looked for: the type's merge may be cached.
   */
  @Test
  @Requirement({
    "annotations.duplicate.path-params",
    "annotations.merge.path-params-first",
    "annotations.merge.path-params-second"
  })
  public void compoundTaskTypeIsAcceptedByDuplicateAndMerge() {
    TaskItem t = finishedTaskWork().get(0);
    String type = t.taskTypeId();
    String copy = duplicate(COMPOUND_TASK_TYPE, type).path("id").asString();
    that(
        !copy.equals(type) && !copy.isEmpty(),
        "Duplicate creates a new annotation",
        "an id other than " + type,
        copy);
    Nml nml = nmlWithTrees(1);
    String e = upload(nml);
    holdsAll(
        content(EXPLORATIONAL, merge(COMPOUND_TASK_TYPE, type, EXPLORATIONAL, e)),
        nml.trees(),
        "Merge holds the trees of the explorative annotation");
    holdsAll(
        content(EXPLORATIONAL, merge(EXPLORATIONAL, e, COMPOUND_TASK_TYPE, type)),
        nml.trees(),
        "Merge holds the trees of the explorative annotation");
  }
}
