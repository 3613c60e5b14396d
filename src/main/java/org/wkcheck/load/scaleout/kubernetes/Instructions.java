package org.wkcheck.load.scaleout.kubernetes;

import java.nio.file.Path;

/** README.txt of a manifests folder: the commands that run the run, in order. */
final class Instructions {
  private Instructions() {}

  static String readme(Manifests m, Path dir) {
    Plan p = m.plan();
    String kubectl = p.namespace() == null ? "kubectl" : "kubectl -n " + p.namespace();
    String folder = dir.toString();
    String merge = p.name("merge");
    String reader = p.name("results-reader");
    String select = "app.kubernetes.io/instance=" + p.runId();
    return String.join(
        "\n",
        "wkcheck on Kubernetes: run " + p.runId(),
        p.summary(),
        p.injectors() + " injector pods, image " + p.image() + ".",
        "",
        "The pods coordinate through the results volume: the prepare pod makes the set-up on the"
            + " target once,",
        "the injectors wait for it and for each other, each sends its share of the load, and the"
            + " merge pod",
        "judges the merged data, cleans up and writes summary.json and summary.md.",
        "More: deploy/kubernetes/README.md in the wkcheck project.",
        "",
        "1. The image, once per version of wkcheck (from the project folder), pushed where the"
            + " cluster pulls from:",
        "     deploy/kubernetes/build-image.sh " + p.image(),
        "     docker push " + p.image(),
        "",
        "2. The token of an admin of the world's organization, as the Secret " + p.secret() + ",",
        "   from a file so that it is in no shell history (surrounding whitespace is ignored):",
        "     " + kubectl + " create secret generic " + p.secret() + " --from-file=WK_TOKEN=FILE",
        "",
        "3. Start the run (the results volume, the settings and the three Jobs, all at once):",
        "     kubectl apply -k " + folder,
        "   Watch it:",
        "     " + kubectl + " get jobs,pods -l " + select,
        "     " + kubectl + " logs -f job/" + merge,
        "",
        "4. Wait for the merge (the Jobs end themselves at the latest after the time given here):",
        "     "
            + kubectl
            + " wait --for=condition=complete --timeout="
            + Manifests.mergeDeadline(p)
            + "s job/"
            + merge,
        "   A failed Job does not complete: look at "
            + kubectl
            + " get jobs -l "
            + select
            + " and the pods' logs.",
        "",
        "5. Copy the results out (summary.json, summary.md, injectors/<index>/):",
        "     kubectl apply -f " + Path.of(folder, Manifests.READER_FILE),
        "     " + kubectl + " wait --for=condition=Ready pod/" + reader,
        "     " + kubectl + " cp " + reader + ":" + p.runDir() + " ./wkcheck-" + p.runId(),
        "     kubectl delete -f " + Path.of(folder, Manifests.READER_FILE),
        "",
        "6. Remove the run's objects, the results volume with them:",
        "     kubectl delete -k " + folder,
        "");
  }
}
