package org.wkcheck.load.scaleout.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the manifests of one scale-out run are made of. The load flags are the user's, passed to the
 * pods as given; the manifests add only what the protocol needs (the phase, the number of
 * injectors, the run folder on the shared volume).
 *
 * @param runId names the run's Kubernetes objects and its folder on the results volume ({@code
 *     /results/<runId>}): lower-case letters, digits and '-', at most {@link #MAX_RUN_ID} long
 * @param injectors N, the injector pods (one share of the load each)
 * @param image the wkcheck container image (built from {@code deploy/kubernetes/})
 * @param namespace the namespace of every object, or null for kubectl's current one
 * @param secret the Secret whose key {@code WK_TOKEN} holds the token
 * @param storageClass the storage class of the results volume (it must offer ReadWriteMany), or
 *     null for the cluster's default
 * @param loadArgs the flags of {@code load} for the prepare and injector pods, as the user gave
 *     them
 * @param mergeArgs the target flags for the merge pod
 * @param world the text of the world file, mounted at {@link Manifests#WORLD_PATH}, or null
 * @param gatlingHeapBytes the heap of each injector's Gatling JVM ({@code --heap})
 * @param loadSeconds the ramp plus the hold of the load
 * @param summary one line saying what the run does (for README.txt)
 */
public record Plan(
    String runId,
    int injectors,
    String image,
    String namespace,
    String secret,
    String storageClass,
    List<String> loadArgs,
    List<String> mergeArgs,
    String world,
    long gatlingHeapBytes,
    int loadSeconds,
    String summary) {

  /**
   * The longest run id: the Indexed Job's pods are named {@code wkcheck-<id>-injectors-<index>}.
   */
  public static final int MAX_RUN_ID = 40;

  /** The most injectors one run may have (their index is part of a 63-character host name). */
  public static final int MAX_INJECTORS = 1000;

  /** The default Secret. */
  public static final String DEFAULT_SECRET = "wkcheck-token";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public Plan {
    loadArgs = List.copyOf(loadArgs);
    mergeArgs = List.copyOf(mergeArgs);
  }

  /**
   * What is wrong with this plan (names Kubernetes would refuse, sizes out of range), or nothing.
   */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (runId == null || runId.length() > MAX_RUN_ID || !LABEL.matcher(runId).matches()) {
      p.add(
          "the run id "
              + runId
              + " must be lower-case letters, digits and '-', start and end with a letter or"
              + " digit, and be at most "
              + MAX_RUN_ID
              + " characters long (it names Kubernetes objects)");
    }
    if (injectors < 1 || injectors > MAX_INJECTORS) {
      p.add("the number of injectors must be between 1 and " + MAX_INJECTORS);
    }
    if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      p.add("the image must be an image reference such as registry.example/wkcheck:0.1.0");
    }
    if (namespace != null && (namespace.length() > 63 || !LABEL.matcher(namespace).matches())) {
      p.add("the namespace " + namespace + " is not a Kubernetes namespace name (RFC 1123 label)");
    }
    if (secret == null || secret.length() > 253 || !SUBDOMAIN.matcher(secret).matches()) {
      p.add("the Secret name " + secret + " is not a Kubernetes object name (RFC 1123 subdomain)");
    }
    if (storageClass != null
        && (storageClass.length() > 253 || !SUBDOMAIN.matcher(storageClass).matches())) {
      p.add("the storage class " + storageClass + " is not a Kubernetes object name");
    }
    if (gatlingHeapBytes <= 0) {
      p.add("the Gatling heap must be positive");
    }
    return p;
  }

  /** The run's folder on the results volume, as the pods see it. */
  public String runDir() {
    return Manifests.RESULTS + "/" + runId;
  }

  /** The prefix of every object's name. */
  String name(String part) {
    return "wkcheck-" + runId + "-" + part;
  }
}
