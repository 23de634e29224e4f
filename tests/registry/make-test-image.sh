#!/bin/sh
# Builds the test images (tests/registry/make_test_image.py: an OCI layout written with
# python3's tarfile, so whiteouts, device nodes and hardlinks need no root) and pushes them
# with skopeo to a loopback registry started by serve.sh:
#
#   tests/registry/make-test-image.sh PORT          127.0.0.1:PORT/test/layered:latest
#                                                   127.0.0.1:PORT/test/multi:latest (index)
#   tests/registry/make-test-image.sh PORT --bulk MB   127.0.0.1:PORT/test/bulk:latest
#
# Optional: REGISTRY_CREDS=user:password for a registry that wants basic auth.
# Prints nothing on success; skopeo's errors otherwise.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
port=$1
shift
layout=$(mktemp -d /tmp/hako-test-image.XXXXXX)
trap 'rm -rf "$layout"' EXIT
python3 "$here/make_test_image.py" "$layout" "$@"

creds=""
[ -n "${REGISTRY_CREDS:-}" ] && creds="--dest-creds=$REGISTRY_CREDS"
push() { # push TAG REPO [--all]
    skopeo copy -q --dest-tls-verify=false $creds $3 "oci:$layout:$1" "docker://127.0.0.1:$port/test/$2:latest" >/dev/null
}
if [ "${1:-}" = --bulk ]; then
    push bulk bulk ""
else
    push layered layered ""
    push multi multi --all
fi
