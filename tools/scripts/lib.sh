# Shared by start.sh and test.sh: step timing and first-time set-up. Source it; don't run it.

GROVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-}"
TIMINGS=()

# step LABEL COMMAND...: runs the command, prints and records how long it took.
step() {
  local label="$1"; shift
  local start=$SECONDS
  echo "==> ${label}"
  "$@"
  local took=$((SECONDS - start))
  TIMINGS+=("$(printf '%-44s %5ds' "${label}" "${took}")")
  echo "==> ${label}: ${took}s"
}

print_timings() {
  echo
  echo "where time went:"
  printf '  %s\n' "${TIMINGS[@]}"
}

require_tools() {
  local missing=()
  command -v node >/dev/null || missing+=("node (Node.js 20.19+)")
  command -v npm >/dev/null || missing+=("npm")
  command -v go >/dev/null || missing+=("go (Go 1.26+, builds the local control plane)")
  if ((${#missing[@]})); then
    echo "missing on PATH: ${missing[*]}" >&2
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  else
    echo "node_modules is up to date"
  fi
}

grove_cluster() {
  node "${GROVE_ROOT}/tools/cluster/bin/grove-cluster.mjs" "$@"
}

# Sums vitest's "Tests  N passed | M failed" lines of a log into the plain closing line CI reads.
summarize_tests() {
  local log="$1"
  sed 's/\x1b\[[0-9;]*m//g' "${log}" | awk '
    /^[[:space:]]*Tests[[:space:]]+/ {
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed/) passed += $i
        if ($(i + 1) ~ /^failed/) failed += $i
        if ($(i + 1) ~ /^skipped/) skipped += $i
      }
    }
    END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
}
