#!/usr/bin/env bash
# The whole test suite: unit tests, type checks and lint, then integration and e2e tests against a
# real local cluster (built and started here if needed). Prints where time went.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "${GROVE_ROOT}"
require_tools
# CI runs every task for real: a result replayed from a cache another checkout filled proves nothing.
if [[ "${CI:-}" == true ]]; then
  export NX_SKIP_NX_CACHE=true
fi

started_cluster=0
TEST_LOG="$(mktemp -t grove-test-XXXXXX.log)"
cleanup() {
  if ((started_cluster)) && [[ "${GROVE_KEEP_CLUSTER:-0}" != 1 ]]; then
    grove_cluster down || true
  fi
  print_timings
  echo
  summarize_tests "${TEST_LOG}"
}
trap cleanup EXIT

# Shows a command's output and keeps a copy for the closing test count.
run_logged() {
  "$@" 2>&1 | tee -a "${TEST_LOG}"
}

step "install npm dependencies" ensure_node_modules
step "build control-plane binaries (cached)" grove_cluster build
step "unit tests, typecheck, lint, build" \
  run_logged npx nx run-many -t typecheck lint test build --outputStyle=static
if grove_cluster status | grep -q 'kube-apiserver .*running'; then
  echo "reusing the running local cluster"
else
  started_cluster=1
fi
step "start local cluster" grove_cluster up
step "integration and e2e tests" \
  run_logged npx nx run-many -t integration e2e --outputStyle=static --parallel=1
