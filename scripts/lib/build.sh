# shellcheck shell=bash
# One CMake configuration for scripts/test and scripts/run, so switching between them never
# reconfigures: every target, warnings as errors, ccache.

berth_configure() {
    local source_dir=$1 build_dir=$2 generator
    local cache=$build_dir/CMakeCache.txt
    if [[ -f $cache ]]; then
        generator=$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$cache")
        if [[ $generator != Ninja ]]; then
            berth_log "$build_dir was configured for '$generator'; starting it over with Ninja"
            rm -rf "$cache" "$build_dir/CMakeFiles"
        fi
    fi
    local -a options=(
        -G Ninja
        -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DBERTH_WERROR=ON
        -DBERTH_BUILD_APP=ON
        -DBERTH_BUILD_TESTS=ON
    )
    if command -v ccache >/dev/null; then
        options+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        # Share the cache between checkouts in different folders (a fresh CI clone hits what a
        # developer's build compiled): paths relative to the source, and no folder in the hash.
        export CCACHE_BASEDIR=$source_dir CCACHE_NOHASHDIR=1
    fi
    cmake -S "$source_dir" -B "$build_dir" "${options[@]}"
}

berth_build_jobs() {
    nproc 2>/dev/null || echo 2
}
