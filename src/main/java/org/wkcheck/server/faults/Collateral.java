package org.wkcheck.server.faults;

import java.util.List;
import java.util.stream.Stream;

/**
 * The requirements a fault fails besides the ones it breaks, and why: their statements still hold
 * on the faulty server, but their tests read the broken representation or route on the way (a
 * schema that embeds it, a precondition, a shared check). Reviewed fault by fault against the
 * failed tests of a run; {@code ./wkcheck faults} calls a fault "detected exactly" only when the
 * requirements that fail are its own plus exactly these.
 *
 * @param why what the tests of these requirements read that the fault breaks
 */
public record Collateral(String why, List<String> requirements) {
  /** No collateral: nothing but the requirements the fault breaks fails. */
  public static final Collateral NONE = new Collateral("", List.of());

  /**
   * The tests that create or update tasks, but for those of openInstances: on the way they send
   * openInstances and read the task back.
   */
  private static final List<String> MAKE_TASKS =
      List.of(
          "projects.assignments.open-instance-count",
          "projects.increment.concurrent-requests-add-up",
          "projects.increment.delta",
          "projects.increment.delta-default",
          "tasks.create-from-files.bounding-box",
          "tasks.create-from-files.form-json",
          "tasks.create-from-files.needed-experience",
          "tasks.create-from-files.one-task-per-nml",
          "tasks.create-from-files.partial-failure-is-200",
          "tasks.create-from-files.project-name",
          "tasks.create-from-files.returns-status-reports",
          "tasks.create-from-files.script-id",
          "tasks.create-from-files.task-type-id",
          "tasks.create.bounding-box",
          "tasks.create.creation-info",
          "tasks.create.data-set",
          "tasks.create.edit-position",
          "tasks.create.edit-rotation",
          "tasks.create.needed-experience",
          "tasks.create.one-task-per-object",
          "tasks.create.optional-fields",
          "tasks.create.partial-failure-is-200",
          "tasks.create.project-name",
          "tasks.create.reported-id-readable",
          "tasks.create.returns-status-reports",
          "tasks.create.script-id",
          "tasks.create.task-type-id",
          "tasks.update.body-like-create",
          "tasks.update.only-open-instances",
          "tasks.update.returns-task");

  static final Collateral TASK_JSON =
      new Collateral(
          "every test that creates, reads, lists or updates tasks, or reads annotations that carry their task, validates the answer against a schema holding task.json: the task creation report (also where project tests make their tasks), task lists, annotation and annotation list",
          sortedUnion(
              MAKE_TASKS,
              List.of(
                  "annotations.duplicate.answer-explorational-of-caller",
                  "annotations.edit.answer-keeps-other-fields",
                  "annotations.edit.compound-typ-refused",
                  "annotations.edit.description",
                  "annotations.edit.name",
                  "annotations.edit.returns-annotation",
                  "annotations.edit.typ-task-or-explorational",
                  "annotations.finish.answer-finished",
                  "annotations.finish.returns-annotation",
                  "annotations.finish.typ-task-or-explorational",
                  "annotations.info.returns-annotation",
                  "annotations.info.typ-task",
                  "annotations.reopen.answer-active",
                  "annotations.reopen.returns-annotation",
                  "annotations.reopen.typ-task-or-explorational",
                  "annotations.reset.answer-task-annotation",
                  "annotations.reset.returns-annotation",
                  "projects.delete.removes-annotations",
                  "projects.path.name",
                  "projects.tasks.returns-tasks",
                  "tasks.annotations.cancelled-excluded",
                  "tasks.annotations.returns-annotations",
                  "tasks.create-from-files.open-instances",
                  "tasks.create.open-instances",
                  "tasks.delete.removes-annotations",
                  "tasks.delete.removes-task",
                  "tasks.list.criteria-combined",
                  "tasks.list.fields-optional",
                  "tasks.list.ids",
                  "tasks.list.project",
                  "tasks.list.random-false-first-matches",
                  "tasks.list.random-true-subset",
                  "tasks.list.result-cap",
                  "tasks.list.returns-tasks",
                  "tasks.list.tasktype",
                  "tasks.list.user",
                  "tasks.path.task-id",
                  "tasks.update.open-instances",
                  "users.current-tasks.returns-task-annotations",
                  "users.tasks.returns-task-annotations")));

  /**
   * The tests of the classes that make a project with a task in their set-up (RouteRequests: auth
   * on every route, bad input; the version prefixes; the default limits' many entries): a set-up
   * that fails against the target fails every test of its class.
   */
  private static final List<String> SET_UP_PROJECT_AND_TASK =
      List.of(
          "auth.token.header-authenticates",
          "auth.token.invalid-refused",
          "auth.token.missing-refused",
          "general.body.malformed-json-refused",
          "general.body.wrong-type-refused",
          "general.errors.message-envelope",
          "general.path.unknown-id-refused",
          "general.query.wrong-type-refused",
          "users.annotations.limit-default",
          "users.current-annotations.limit-default",
          "users.current-tasks.limit-default",
          "users.tasks.limit-default",
          "versioning.prefix.latest",
          "versioning.prefix.specific-version",
          "versioning.prefix.unsupported-version-refused");

  static final Collateral TASK_PARAMETERS =
      new Collateral(
          "every other test that creates a task (POST /tasks, formJSON of createFromFiles) or updates one sends openInstances, which this server refuses as missing: their tasks are not made (the project count tests make tasks first), nor those the set-up of the auth, bad-input, version-prefix and default-limit tests makes, so those classes fail whole",
          sortedUnion(
              sortedUnion(MAKE_TASKS, SET_UP_PROJECT_AND_TASK),
              List.of("tasks.read.returns-task")));

  static final Collateral SET_UP_PROJECT_REFUSED =
      new Collateral(
          "the set-up of the auth, bad-input, version-prefix and default-limit tests makes a project by POST /projects and takes the documented 200 only: against another status those classes fail whole",
          SET_UP_PROJECT_AND_TASK);

  static final Collateral DUPLICATE_READ_AS_ANSWERED =
      new Collateral(
          "the duplicate's content is downloaded as the typ its answer names, which is wrong here",
          List.of("annotations.duplicate.content-exact"));

  static final Collateral PROJECT_JSON =
      new Collateral(
          "every test that creates, reads, lists, updates, pauses, resumes, increments or deletes a project validates an answer against project.json or a schema holding it (project lists, projects with status), which type priority as an integer",
          List.of(
              "projects.assignments.open-instance-count",
              "projects.assignments.returns-projects",
              "projects.assignments.same-projects",
              "projects.create.expected-time",
              "projects.create.is-blacklisted-from-report",
              "projects.create.name",
              "projects.create.owner",
              "projects.create.paused",
              "projects.create.priority",
              "projects.create.returns-project",
              "projects.create.team",
              "projects.delete.removes-project",
              "projects.increment.answer-keeps-other-fields",
              "projects.increment.delta",
              "projects.increment.delta-default",
              "projects.increment.returns-project",
              "projects.list.read-access",
              "projects.list.returns-projects",
              "projects.path.name",
              "projects.pause.answer-keeps-other-fields",
              "projects.pause.no-assignment",
              "projects.pause.paused",
              "projects.pause.returns-project",
              "projects.resume.answer-keeps-other-fields",
              "projects.resume.returns-project",
              "projects.resume.unpaused",
              "projects.update.answer-keeps-other-fields",
              "projects.update.fields-applied",
              "projects.update.returns-project"));

  static final Collateral FINISHED_TASK_LIST =
      new Collateral(
          "the finish and reopen tests check a task annotation's state through GET /user/tasks?isFinished=..., which here lists every task annotation",
          List.of(
              "annotations.finish.compound-typ-refused",
              "annotations.finish.task-finished",
              "annotations.reopen.compound-typ-refused",
              "annotations.reopen.task-unfinished"));

  /**
   * The requirements whose tests download a compound on the way: the compound info and cache tests,
   * the comparison of the compound files with the finished annotations, the download path
   * parameters.
   */
  private static final List<String> DOWNLOAD_COMPOUNDS =
      List.of(
          "annotations.compound.cache-shared",
          "annotations.compound.cached-excludes-newly-finished",
          "annotations.compound.files-exact",
          "annotations.compound.merged-before-answer",
          "annotations.compound.merged-from-finished",
          "annotations.download.path-params",
          "annotations.info.returns-annotation",
          "annotations.info.typ-compound-project",
          "annotations.info.typ-compound-task",
          "annotations.info.typ-compound-task-type");

  static final Collateral DOWNLOADS =
      new Collateral(
          "every test that downloads (task, explorational, volume and compound downloads, the volume upload read back, the compound cache tests) checks that the file is an attachment",
          sortedUnion(
              DOWNLOAD_COMPOUNDS,
              List.of(
                  "annotations.download.compound-project-zip",
                  "annotations.download.compound-task-type-zip",
                  "annotations.download.compound-task-zip",
                  "annotations.download.explorational-skeleton-nml",
                  "annotations.download.explorational-volume-zip",
                  "annotations.download.task-nml",
                  "annotations.upload.volume-zip")));

  static final Collateral COMPOUND_DOWNLOADS =
      new Collateral(
          "the compound info and cache tests and the comparison of the compound files with the finished annotations also download the compound, and expect a ZIP of NMLs",
          DOWNLOAD_COMPOUNDS);

  static final Collateral DOWNLOADED_NMLS =
      new Collateral(
          "every test that checks an annotation's content by downloading its NML (uploads, merges, duplicates, the reset of an explorational, downloads by compound typ, and the exact-content comparisons of uploads, tasks made from files, duplicates, merges and resets) cannot read it",
          List.of(
              "annotations.download.path-params",
              "annotations.duplicate.content-exact",
              "annotations.duplicate.creates-copy",
              "annotations.duplicate.path-params",
              "annotations.merge.content-exact",
              "annotations.merge.content-of-both",
              "annotations.merge.creates-explorational",
              "annotations.merge.path-params-first",
              "annotations.merge.path-params-second",
              "annotations.reset.content-is-base",
              "annotations.reset.task-only",
              "annotations.upload.content-exact",
              "annotations.upload.create-group-false",
              "annotations.upload.create-group-true",
              "annotations.upload.creates-explorational",
              "annotations.upload.files-content-exact",
              "annotations.upload.nml-files",
              "annotations.upload.zip-of-nmls",
              "tasks.create-from-files.content-exact"));

  static final Collateral COMPOUNDS_OF_ONE =
      new Collateral(
          "a compound of a single finished annotation now merges nothing and answers 404, and the compound tests (info, cache, chunked download, duplicate and merge of compounds) use such compounds",
          List.of(
              "annotations.compound.cache-shared",
              "annotations.compound.cached-excludes-newly-finished",
              "annotations.compound.merged-before-answer",
              "annotations.download.chunked-stream",
              "annotations.download.path-params",
              "annotations.download.returns-file",
              "annotations.duplicate.creates-copy",
              "annotations.duplicate.path-params",
              "annotations.info.compound-answer-selected",
              "annotations.info.returns-annotation",
              "annotations.info.typ-compound-project",
              "annotations.info.typ-compound-task",
              "annotations.info.typ-compound-task-type",
              "annotations.merge.content-of-both",
              "annotations.merge.path-params-first",
              "annotations.merge.path-params-second"));

  private static List<String> sortedUnion(List<String> some, List<String> more) {
    return Stream.concat(some.stream(), more.stream()).sorted().toList();
  }
}
