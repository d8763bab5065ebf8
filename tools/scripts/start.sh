#!/usr/bin/env bash
# The main job: build what is missing, bring up the local cluster, and run the Grove controllers
# against it (Ctrl-C stops the controllers; `npx grove-cluster down` stops the cluster).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "${GROVE_ROOT}"
require_tools
step "install npm dependencies" ensure_node_modules
step "build control-plane binaries (cached)" grove_cluster build
print_timings
exec node tools/demo/bin/grove-demo.mjs "$@"
