#!/usr/bin/env bash
# Builds the wkcheck container image for ./wkcheck kubernetes:
#   deploy/kubernetes/build-image.sh [IMAGE]        (default IMAGE: wkcheck:latest)
# It packages the harness (./mvnw package, tests skipped), stages the image's context in
# target/image (the jar, the runtime jars listed in target/runtime-classpath.txt, the entrypoint),
# then runs "docker build" on it when docker is there. WKCHECK_STAGE_ONLY=1 stops after staging
# (for another builder: podman, buildah, kaniko).
set -euo pipefail
image="${1:-wkcheck:latest}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
stage="$root/target/image"

echo "build-image: packaging the harness (./mvnw package, tests skipped)..." >&2
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package) >&2

rm -rf "$stage"
mkdir -p "$stage/lib"
cp "$root/target/wkcheck.jar" "$stage/wkcheck.jar"
# (the file has no final newline, so read answers 1 although it read the line)
IFS=":" read -r -a jars < "$root/target/runtime-classpath.txt" || true
if [ "${#jars[@]}" -eq 0 ]; then
  echo "build-image: target/runtime-classpath.txt lists no jar" >&2
  exit 2
fi
for jar in "${jars[@]}"; do
  name="$(basename "$jar")"
  if [ -e "$stage/lib/$name" ]; then
    echo "build-image: two runtime jars are named $name; cannot stage both" >&2
    exit 2
  fi
  cp "$jar" "$stage/lib/$name"
done
cp "$here/wkcheck" "$stage/wkcheck"
chmod 0755 "$stage/wkcheck"
cp "$here/Dockerfile" "$stage/Dockerfile"
echo "build-image: staged ${#jars[@]} runtime jars in $stage" >&2

if [ "${WKCHECK_STAGE_ONLY:-}" = "1" ]; then
  echo "build-image: staged only; build it with: docker build -t $image $stage" >&2
  exit 0
fi
if ! command -v docker > /dev/null; then
  echo "build-image: no docker here; build the staged context with: docker build -t $image $stage" >&2
  exit 1
fi
docker build -t "$image" "$stage"
echo "build-image: built $image; push it where the cluster pulls from (docker push $image)" >&2
