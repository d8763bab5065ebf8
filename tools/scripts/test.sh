#!/usr/bin/env bash
# The whole test suite: unit tests, type checks and lint, then integration and e2e tests against a
# real local cluster (built and started here if needed). Prints where time went.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "${GROVE_ROOT}"
require_tools

started_cluster=0
cleanup() {
  if ((started_cluster)) && [[ "${GROVE_KEEP_CLUSTER:-0}" != 1 ]]; then
    grove_cluster down || true
  fi
  print_timings
}
trap cleanup EXIT

step "install npm dependencies" ensure_node_modules
step "build control-plane binaries (cached)" grove_cluster build
step "unit tests, typecheck, lint, build" npx nx run-many -t typecheck lint test build --outputStyle=static
if grove_cluster status | grep -q 'kube-apiserver .*running'; then
  echo "reusing the running local cluster"
else
  started_cluster=1
fi
step "start local cluster" grove_cluster up
step "integration and e2e tests" npx nx run-many -t integration e2e --outputStyle=static --parallel=1
