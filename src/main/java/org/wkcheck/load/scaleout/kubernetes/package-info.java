/**
 * A scale-out load run on Kubernetes: the manifests {@code ./wkcheck kubernetes} writes (a results
 * volume, the settings, a prepare Job, an Indexed Job of N injectors and a merge Job), built with
 * fabric8's model and written as YAML with a {@code kustomization.yaml}. The pods run the image of
 * {@code deploy/kubernetes/} and coordinate through the shared volume only; the token comes from a
 * Secret the user creates and is never written into a manifest.
 */
package org.wkcheck.load.scaleout.kubernetes;
