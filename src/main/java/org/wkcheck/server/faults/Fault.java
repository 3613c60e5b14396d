package org.wkcheck.server.faults;

import static org.wkcheck.server.faults.FaultLayer.Defect.effects;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Named defects the reference server can be started with, one small realistic departure from the
 * document each, to prove that the conformance suite detects them ({@code ./wkcheck faults}). Each
 * declares what it does ({@link FaultLayer.Defect}, one of the {@code *Defects} classes of this
 * package), the requirements it breaks (whose statements it contradicts) and its {@link Collateral}
 * (requirements whose tests read what it breaks on the way); the self-test expects exactly those to
 * fail.
 */
public enum Fault {
  // --- renamed or missing fields (including the renames real servers made) ---
  TASK_STATUS_OPEN_RENAMED_PENDING(
      ViewDefects::taskStatusOpenRenamedPending,
      "task status says pending instead of open (as webKnossos since 23.09)",
      List.of("tasks.read.returns-task"),
      Collateral.TASK_JSON),
  TASK_OPEN_INSTANCES_RENAMED(
      RouteDefects::taskOpenInstancesRenamed,
      "task parameters take pendingInstances instead of openInstances (as webKnossos since 23.09)",
      List.of(
          "tasks.create.open-instances",
          "tasks.create-from-files.open-instances",
          "tasks.update.open-instances"),
      Collateral.TASK_PARAMETERS),
  ASSIGNMENTS_COUNT_RENAMED(
      ViewDefects::assignmentsCountRenamed,
      "projects with status carry pendingInstances instead of numberOfOpenAssignments",
      List.of(
          "projects.assignments.returns-projects",
          "projects.assignments.open-instance-count",
          "projects.assignments.same-projects",
          "projects.increment.returns-project",
          "projects.increment.answer-keeps-other-fields",
          "projects.increment.delta",
          "projects.increment.delta-default")),
  USER_TEAMS_MISSING(
      ViewDefects::userTeamsMissing,
      "GET /user leaves out the team memberships",
      List.of(
          "users.current.returns-self",
          "users.list.returns-users",
          "users.read.returns-user",
          "users.path.user-id",
          "auth.token.header-authenticates")),
  // --- wrong JSON types ---
  TASK_CREATED_AS_STRING(
      ViewDefects::taskCreatedAsString,
      "task.created is an ISO string instead of epoch milliseconds",
      List.of("tasks.read.returns-task"),
      Collateral.TASK_JSON),
  PROJECT_PRIORITY_AS_STRING(
      ViewDefects::projectPriorityAsString,
      "project.priority is a string",
      List.of("projects.read.returns-project"),
      Collateral.PROJECT_JSON),
  // --- wrong status codes ---
  CREATE_PROJECT_201(
      RouteDefects::createProject201,
      "POST /projects answers 201 instead of 200",
      List.of(
          "projects.create.returns-project",
          "projects.create.name",
          "projects.create.team",
          "projects.create.priority",
          "projects.create.paused",
          "projects.create.expected-time",
          "projects.create.owner",
          "projects.create.is-blacklisted-from-report"),
      Collateral.SET_UP_PROJECT_REFUSED),
  UNKNOWN_TASK_500(
      RouteDefects::unknownTask500,
      "/tasks/:id (GET, PUT, DELETE, /annotations) answers 500 instead of 404 for an unknown id",
      List.of(
          "general.path.unknown-id-refused",
          "tasks.path.task-id",
          "tasks.delete.removes-task",
          "projects.delete.removes-tasks")),
  BUILDINFO_AS_HTML(
      RouteDefects::buildInfoAsHtml,
      "GET /buildinfo answers an HTML page",
      List.of(
          "buildinfo.read.returns-version-info",
          "versioning.prefix.latest",
          "versioning.prefix.specific-version",
          "versioning.prefix.unsupported-version-refused")),
  // --- filters ---
  USERS_IS_ADMIN_IGNORED(
      RouteDefects::usersIsAdminIgnored,
      "GET /users ignores isAdmin",
      List.of(
          "users.list.is-admin-true",
          "users.list.is-admin-false",
          "users.list.is-admin-partition")),
  DATASETS_IS_ACTIVE_INVERTED(
      RouteDefects::datasetsIsActiveInverted,
      "GET /datasets inverts isActive",
      List.of("datasets.list.is-active-true", "datasets.list.is-active-false")),
  USER_TASKS_IS_FINISHED_IGNORED(
      RouteDefects::userTasksIsFinishedIgnored,
      "GET /user/tasks and GET /users/:id/tasks ignore isFinished",
      List.of(
          "users.current-tasks.is-finished-true",
          "users.current-tasks.is-finished-false",
          "users.tasks.is-finished-true",
          "users.tasks.is-finished-false"),
      Collateral.FINISHED_TASK_LIST),
  TASK_LIST_USER_IGNORED(
      RouteDefects::taskListUserIgnored,
      "POST /tasks/list ignores the user criterion",
      List.of("tasks.list.user", "tasks.list.criteria-combined")),
  TASK_LIST_TASKTYPE_IGNORED(
      RouteDefects::taskListTasktypeIgnored,
      "POST /tasks/list ignores tasktype",
      List.of("tasks.list.tasktype")),
  // --- limits ---
  LIMIT_OFF_BY_ONE(
      RouteDefects::limitOffByOne,
      "limit returns one entry more than asked",
      List.of(
          "users.current-annotations.limit",
          "users.annotations.limit",
          "users.current-tasks.limit",
          "users.tasks.limit",
          "users.current-annotations.limit-default",
          "users.annotations.limit-default",
          "users.current-tasks.limit-default",
          "users.tasks.limit-default")),
  LIMIT_DEFAULT_500(
      RouteDefects::limitDefault500,
      "limit defaults to 500 instead of 1000",
      List.of(
          "users.current-annotations.limit-default",
          "users.annotations.limit-default",
          "users.current-tasks.limit-default",
          "users.tasks.limit-default")),
  TASK_LIST_CAP_MISSING(
      effects(EffectDefects::taskListCapMissing),
      "POST /tasks/list returns more than 1000 tasks",
      List.of("tasks.list.result-cap")),
  // --- authentication ---
  PROJECTS_WITHOUT_LOGIN(
      RouteDefects::projectsWithoutLogin,
      "GET /projects answers without a token (as the seeded admin)",
      List.of("auth.token.missing-refused")),
  INVALID_TOKEN_ACCEPTED(
      RouteDefects::invalidTokenAccepted,
      "an unknown token on GET /teams acts as the seeded admin",
      List.of("auth.token.invalid-refused")),
  // --- files ---
  NML_AS_TEXT_PLAIN(
      DownloadDefects::nmlAsTextPlain,
      "NML downloads are served as text/plain",
      List.of(
          "annotations.download.explorational-skeleton-nml",
          "annotations.download.task-nml",
          "annotations.download.returns-file",
          "annotations.download.path-params")),
  DOWNLOAD_WITHOUT_ATTACHMENT(
      DownloadDefects::withoutAttachment,
      "downloads carry no Content-Disposition attachment",
      List.of("annotations.download.returns-file"),
      Collateral.DOWNLOADS),
  VOLUME_DOWNLOAD_AS_NML(
      effects(EffectDefects::volumeDownloadAsNml),
      "a volume annotation downloads as a bare NML instead of a ZIP",
      List.of(
          "annotations.download.explorational-volume-zip", "annotations.download.returns-file")),
  COMPOUND_DOWNLOAD_AS_NML(
      effects(EffectDefects::compoundDownloadAsNml),
      "compound downloads are one merged NML instead of a ZIP of NMLs",
      List.of(
          "annotations.download.compound-task-zip",
          "annotations.download.compound-project-zip",
          "annotations.download.compound-task-type-zip",
          "annotations.download.returns-file"),
      Collateral.COMPOUND_DOWNLOADS),
  DOWNLOAD_NOT_STREAMED(
      DownloadDefects::notStreamed,
      "downloads are sent whole with a Content-Length instead of as a chunked file stream",
      List.of("annotations.download.chunked-stream")),
  NML_TRUNCATED(
      DownloadDefects::nmlTruncated,
      "NML downloads are cut off half way",
      List.of(
          "annotations.download.explorational-skeleton-nml",
          "annotations.download.task-nml",
          "annotations.download.returns-file"),
      Collateral.DOWNLOADED_NMLS),
  NML_WITHOUT_PARAMETERS(
      DownloadDefects::nmlWithoutParameters,
      "NML downloads lack the parameters section",
      List.of(
          "annotations.download.explorational-skeleton-nml",
          "annotations.download.task-nml",
          "annotations.download.returns-file"),
      Collateral.DOWNLOADED_NMLS),
  NML_LOSES_AN_EDGE(
      DownloadDefects::nmlLosesAnEdge,
      "every downloaded NML (also in a ZIP) lacks its first edge",
      Details.CONTENT_EXACT),
  NML_COMMENT_TEXT_CHANGED(
      DownloadDefects::nmlCommentTextChanged,
      "every downloaded NML (also in a ZIP) has the text of its first comment changed",
      Details.CONTENT_EXACT),
  NML_LOSES_A_BRANCHPOINT(
      DownloadDefects::nmlLosesABranchpoint,
      "every downloaded NML (also in a ZIP) lacks its first branchpoint",
      Details.CONTENT_EXACT),
  NML_NODE_RADIUS_CHANGED(
      DownloadDefects::nmlNodeRadiusChanged,
      "every downloaded NML (also in a ZIP) has the radius of its first node one larger",
      Details.CONTENT_EXACT),
  NML_TREE_LOSES_ITS_GROUP(
      DownloadDefects::nmlTreeLosesItsGroup,
      "every downloaded NML (also in a ZIP) has its first grouped tree out of its tree group",
      Details.sortedWith("annotations.upload.create-group-true")),
  CREATE_GROUP_IGNORED(
      RouteDefects::createGroupIgnored,
      "upload ignores createGroupForEachFile and always prefixes tree names",
      List.of("annotations.upload.create-group-true", "annotations.upload.files-content-exact")),
  UPLOAD_LOSES_COMMENTS_OF_LATER_FILES(
      effects(EffectDefects::uploadLosesCommentsOfLaterFiles),
      "upload of several files keeps the comments of the first file only",
      List.of("annotations.upload.files-content-exact")),
  UPLOAD_ONLY_FIRST_FILE(
      effects(EffectDefects::uploadOnlyFirstFile),
      "upload keeps only the first file",
      List.of(
          "annotations.upload.nml-files",
          "annotations.upload.zip-of-nmls",
          "annotations.upload.create-group-true",
          "annotations.upload.create-group-false",
          "annotations.upload.creates-explorational",
          "annotations.upload.files-content-exact")),
  // --- task creation ---
  PARTIAL_FAILURE_400(
      RouteDefects::partialFailure400,
      "POST /tasks answers 400 when some tasks fail, instead of 200 with the per-task report",
      List.of("tasks.create.partial-failure-is-200")),
  // --- state changes ---
  TASK_UPDATE_CHANGES_POSITION(
      effects(EffectDefects::taskUpdateChangesPosition),
      "PUT /tasks/:id also applies editPosition",
      List.of("tasks.update.only-open-instances")),
  PROJECT_DELETE_KEEPS_TASKS(
      effects(EffectDefects::projectDeleteKeepsTasks),
      "DELETE /projects/:name leaves its tasks",
      List.of("projects.delete.removes-tasks", "projects.delete.removes-annotations")),
  TASK_DELETE_KEEPS_ANNOTATIONS(
      effects(EffectDefects::taskDeleteKeepsAnnotations),
      "DELETE /tasks/:id leaves its annotations",
      List.of("tasks.delete.removes-annotations")),
  INCREMENT_LOST_UPDATES(
      effects(EffectDefects::incrementLostUpdates),
      "concurrent incrementEachTasksInstances calls lose updates (read, then write unlocked)",
      List.of("projects.increment.concurrent-requests-add-up")),
  INCREMENT_DELTA_IGNORED(
      RouteDefects::incrementDeltaIgnored,
      "incrementEachTasksInstances ignores delta",
      List.of("projects.increment.delta")),
  PAUSE_NOT_PAUSED(
      effects(EffectDefects::pauseNotPaused),
      "pause does not set paused",
      List.of("projects.pause.paused", "projects.pause.no-assignment")),
  FINISH_KEEPS_ACTIVE(
      effects(EffectDefects::finishKeepsActive),
      "finish leaves the annotation active",
      List.of(
          "annotations.finish.task-finished",
          "annotations.finish.explorational-archived",
          "annotations.finish.answer-finished")),
  EDIT_IGNORES_TAGS(
      RouteDefects::editIgnoresTags,
      "edit ignores tags",
      List.of("annotations.edit.tags", "annotations.edit.returns-annotation")),
  RESET_REFUSED(
      effects(EffectDefects::resetRefused),
      "reset refuses every task annotation with 400 (\"Could not reset annotation to base\")",
      List.of("annotations.reset.returns-annotation", "annotations.reset.answer-task-annotation")),
  MERGE_ONLY_FIRST(
      effects(EffectDefects::mergeOnlyFirst),
      "merge keeps only the first annotation's trees",
      List.of(
          "annotations.merge.content-exact",
          "annotations.merge.content-of-both",
          "annotations.merge.creates-explorational",
          "annotations.merge.path-params-first",
          "annotations.merge.path-params-second",
          "annotations.duplicate.path-params")),
  DUPLICATE_RETURNS_SOURCE(
      effects(EffectDefects::duplicateReturnsSource),
      "duplicate answers the source annotation instead of a new one",
      List.of(
          "annotations.duplicate.creates-copy",
          "annotations.duplicate.answer-explorational-of-caller",
          "annotations.duplicate.to-callers-account",
          "annotations.duplicate.path-params",
          "annotations.merge.path-params-first",
          "annotations.merge.path-params-second")),
  // --- answers that misreport a write (the change is applied as documented) ---
  UPLOAD_ANSWERS_TYP_TASK(
      RouteDefects::uploadAnswersTypTask,
      "upload creates an explorative annotation but answers it as typ Task",
      List.of(
          "annotations.upload.returns-annotation-with-id",
          "annotations.upload.answer-new-explorational")),
  DUPLICATE_ANSWERS_TYP_TASK(
      RouteDefects::duplicateAnswersTypTask,
      "duplicate creates an explorative copy but answers it as typ Task",
      List.of("annotations.duplicate.answer-explorational-of-caller"),
      Collateral.DUPLICATE_READ_AS_ANSWERED),
  EDIT_ANSWERS_OLD_NAME(
      RouteDefects::editAnswersOldName,
      "edit renames the annotation but answers the name it had before",
      List.of("annotations.edit.returns-annotation")),
  EDIT_ANSWER_WITHOUT_TAGS(
      RouteDefects::editAnswerWithoutTags,
      "edit answers the annotation with no tags (its tags are kept or set as sent)",
      List.of("annotations.edit.returns-annotation", "annotations.edit.answer-keeps-other-fields")),
  FINISH_ANSWERS_ACTIVE(
      RouteDefects::finishAnswersActive,
      "finish finishes the annotation but answers it with state Active",
      List.of("annotations.finish.answer-finished")),
  RESET_ANSWERS_EXPLORATIONAL(
      RouteDefects::resetAnswersExplorational,
      "reset resets the task annotation but answers it as typ Explorational",
      List.of("annotations.reset.answer-task-annotation")),
  PAUSE_ANSWERS_UNPAUSED(
      RouteDefects::pauseAnswersUnpaused,
      "pause pauses the project but answers paused false",
      List.of("projects.pause.paused")),
  PROJECT_UPDATE_ANSWERS_OLD_VALUES(
      RouteDefects::projectUpdateAnswersOldValues,
      "PUT /projects/:name applies the body but answers the priority, expectedTime and"
          + " isBlacklistedFromReport of before",
      List.of("projects.update.fields-applied")),
  COMPOUND_INFO_ANSWERS_EXPLORATIONAL(
      RouteDefects::compoundInfoAnswersExplorational,
      "compound info answers the merged annotation as typ Explorational",
      List.of("annotations.info.compound-answer-selected")),
  CANCELLED_ANNOTATIONS_LISTED(
      effects(EffectDefects::cancelledAnnotationsListed),
      "GET /tasks/:id/annotations lists cancelled annotations",
      List.of("tasks.annotations.cancelled-excluded")),
  // --- versions, bad input, datasets, compounds ---
  VERSION_PREFIX_NOT_ROUTED(
      RouteDefects::versionPrefixNotRouted,
      "/api/v3 is not routed",
      List.of("versioning.prefix.specific-version")),
  MALFORMED_JSON_500(
      RouteDefects::malformedJson500,
      "malformed JSON on POST /projects answers 500",
      List.of("general.body.malformed-json-refused")),
  LIST_RESOLUTIONS_NOT_EMPTIED(
      ViewDefects::listResolutionsNotEmptied,
      "the dataset list carries the real resolutions",
      List.of("datasets.list.resolutions-empty")),
  COMPOUND_MISSES_ONE_FINISHED(
      effects(EffectDefects::compoundMissesOneFinished),
      "compound merges leave out the newest finished annotation",
      List.of(
          "annotations.compound.files-exact",
          "annotations.compound.merged-from-finished",
          "annotations.download.compound-task-zip",
          "annotations.download.compound-project-zip",
          "annotations.download.compound-task-type-zip"),
      Collateral.COMPOUNDS_OF_ONE),
  COMPOUND_CACHE_DISABLED(
      EffectDefects::compoundCacheDisabled,
      "compound annotations are merged anew on every request (newly finished ones show at once)",
      List.of(
          "annotations.compound.cached-excludes-newly-finished",
          "annotations.compound.cache-shared")),

  // --- defects that only load shows (the conformance suite reads too few answers to meet them) --
  TASK_DATASET_DROPPED_ONE_IN_TEN(
      RouteDefects::taskDataSetDroppedOneInTen,
      "one GET /tasks/:id answer in ten lacks the required dataSet (a serializer bug under load)",
      List.of("tasks.read.returns-task"),
      Collateral.NONE,
      true);

  /** Requirement lists that several faults break. */
  private static final class Details {
    /**
     * What a download that loses or changes one detail of the skeleton breaks: every requirement
     * that a download holds exactly what the annotation holds (the tests' NMLs carry every kind of
     * detail).
     */
    static final List<String> CONTENT_EXACT =
        List.of(
            "annotations.compound.files-exact",
            "annotations.duplicate.content-exact",
            "annotations.merge.content-exact",
            "annotations.reset.content-is-base",
            "annotations.upload.content-exact",
            "annotations.upload.files-content-exact",
            "tasks.create-from-files.content-exact");

    static List<String> sortedWith(String... more) {
      return java.util.stream.Stream.concat(CONTENT_EXACT.stream(), java.util.Arrays.stream(more))
          .sorted()
          .toList();
    }
  }

  /** What a fault declares, each part as its accessor below describes it. */
  private record Declaration(
      FaultLayer.Defect defect,
      String description,
      List<String> breaks,
      Collateral collateral,
      boolean underLoadOnly) {}

  private final Declaration declared;

  Fault(FaultLayer.Defect defect, String description, List<String> breaks) {
    this(defect, description, breaks, Collateral.NONE);
  }

  Fault(FaultLayer.Defect defect, String description, List<String> breaks, Collateral collateral) {
    this(defect, description, breaks, collateral, false);
  }

  Fault(
      FaultLayer.Defect defect,
      String description,
      List<String> breaks,
      Collateral collateral,
      boolean underLoadOnly) {
    this.declared = new Declaration(defect, description, breaks, collateral, underLoadOnly);
  }

  /**
   * Whether only a load run meets this fault (it shows in a share of the answers): {@code ./wkcheck
   * faults} leaves it to the load tests, which must catch it.
   */
  public boolean underLoadOnly() {
    return declared.underLoadOnly();
  }

  /** The faults the conformance suite must detect, each exactly: all but the load-only ones. */
  public static List<Fault> forTheSuite() {
    return java.util.Arrays.stream(values()).filter(f -> !f.underLoadOnly()).toList();
  }

  /** What the fault does to the server, at which of its seams ({@link FaultLayer}). */
  FaultLayer.Defect defect() {
    return declared.defect();
  }

  public String description() {
    return declared.description();
  }

  /** The requirement ids this fault must make fail: the statements it contradicts. */
  public List<String> breaks() {
    return declared.breaks();
  }

  /** The requirements that fail besides, because their tests read what the fault breaks. */
  public Collateral collateral() {
    return declared.collateral();
  }

  /** The fault's name on the command line: lower-case with dashes. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Fault> byId(String id) {
    for (Fault f : values()) {
      if (f.id().equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
