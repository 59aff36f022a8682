# shellcheck shell=bash disable=SC2034
# The Debian 12 packages Berth needs, in ONE place (README.md has the same table for people).
# Sourced by scripts/test, scripts/run and scripts/testbed.

# Building Berth and running its test suites.
BERTH_BUILD_PACKAGES=(
    g++ cmake ninja-build ccache
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-charts-dev
    qtkeychain-qt6-dev libvterm-dev libssl-dev libyaml-cpp-dev
    clang-format
    xvfb xauth
    gnome-keyring dbus-daemon libsecret-tools
)
# The LXD testbed (scripts/testbed): two local daemons, a two-member cluster on a host bridge (iproute2)
# and a busybox image built offline.
BERTH_TESTBED_PACKAGES=(lxd lxd-client iptables iproute2 busybox-static)
# Showing Berth on a virtual screen and taking a screenshot (scripts/run with no display).
BERTH_RUN_PACKAGES=(xvfb xauth x11-utils x11-apps imagemagick)
# bench/run: the peers Berth is measured against (pylxd, curl) and reading their figures (jq).
BERTH_BENCH_PACKAGES=(python3-pylxd curl jq lxd-client)

# Prints the packages among "$@" that are not installed.
berth_missing_packages() {
    local package status
    for package in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
        [[ $status == installed ]] || printf '%s\n' "$package"
    done
}

# Installs whatever of "$@" is missing. As root with apt-get (updating the package lists first,
# since a fresh machine may have none); otherwise prints the exact command and fails.
berth_ensure_packages() {
    local -a missing
    mapfile -t missing < <(berth_missing_packages "$@")
    ((${#missing[@]} == 0)) && return 0
    local line="apt-get update && apt-get install -y ${missing[*]}"
    if ! berth_is_root; then
        berth_log "missing Debian packages: ${missing[*]}"
        berth_log "install them as root, then run this again:"
        printf '    sudo sh -c '\''%s'\''\n' "$line" >&2
        exit 1
    fi
    berth_log "installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || berth_die "apt-get update failed"
    apt-get install -y -q "${missing[@]}" </dev/null || berth_die "apt-get install ${missing[*]} failed"
}
