# shellcheck shell=bash
# Helpers shared by the scripts in scripts/: messages, timings, privileges.

berth_repo_root() {
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
    printf '%s\n' "$here"
}

# Messages go to stderr so that a command's real output (e.g. `testbed env`) stays clean.
berth_log() { printf '%s %s\n' "${BERTH_LOG_PREFIX:-[berth]}" "$*" >&2; }
berth_warn() { printf '%s warning: %s\n' "${BERTH_LOG_PREFIX:-[berth]}" "$*" >&2; }
berth_die() {
    printf '%s error: %s\n' "${BERTH_LOG_PREFIX:-[berth]}" "$*" >&2
    exit 1
}

berth_is_root() { [[ $(id -u) -eq 0 ]]; }

# Phase timings: `berth_phase NAME` starts a phase (ending the previous one), `berth_phase_end`
# closes the last one, `berth_timings` prints them all.
BERTH_PHASE_NAMES=()
BERTH_PHASE_SECONDS=()
BERTH_PHASE_CURRENT=""
BERTH_PHASE_START=0
berth_phase_end() {
    if [[ -n $BERTH_PHASE_CURRENT ]]; then
        BERTH_PHASE_NAMES+=("$BERTH_PHASE_CURRENT")
        BERTH_PHASE_SECONDS+=($((SECONDS - BERTH_PHASE_START)))
        berth_log "== $BERTH_PHASE_CURRENT: done in $((SECONDS - BERTH_PHASE_START)) s"
        BERTH_PHASE_CURRENT=""
    fi
}
berth_phase() {
    berth_phase_end
    BERTH_PHASE_CURRENT=$1
    BERTH_PHASE_START=$SECONDS
    berth_log "== $1"
}
berth_timings() {
    local i total=0
    berth_phase_end
    berth_log "timings:"
    for i in "${!BERTH_PHASE_NAMES[@]}"; do
        printf '%s   %-12s %5d s\n' "${BERTH_PHASE_PREFIX:-${BERTH_LOG_PREFIX:-[berth]}}" \
            "${BERTH_PHASE_NAMES[$i]}" "${BERTH_PHASE_SECONDS[$i]}" >&2
        total=$((total + BERTH_PHASE_SECONDS[i]))
    done
    printf '%s   %-12s %5d s\n' "${BERTH_LOG_PREFIX:-[berth]}" "total" "$total" >&2
}
