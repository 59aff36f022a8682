// bench_spawn OUT ERR -- COMMAND [ARGS...]: runs COMMAND with its standard output in OUT, its errors in
// ERR and /dev/null as input, and prints how long it took from just before fork() to its exit, its peak
// resident memory (getrusage of that child alone) and its exit status as one JSON line. The child finds
// the launch time in BERTH_BENCH_T0_NS, so Berth's programs can report milestones since their launch.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

long long realtimeNs()
{
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

bool redirect(const char *path, int flags, int target)
{
    const int fd = open(path, flags, 0644);
    if (fd < 0)
        return false;
    const bool ok = dup2(fd, target) >= 0;
    close(fd);
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5 || std::strcmp(argv[3], "--") != 0) {
        std::fprintf(stderr, "usage: bench_spawn OUT ERR -- COMMAND [ARGS...]\n");
        return 2;
    }
    const long long launchNs = realtimeNs();
    setenv("BERTH_BENCH_T0_NS", std::to_string(launchNs).c_str(), 1);
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        return 2;
    }
    if (pid == 0) {
        if (!redirect("/dev/null", O_RDONLY, STDIN_FILENO)
            || !redirect(argv[1], O_WRONLY | O_CREAT | O_TRUNC, STDOUT_FILENO)
            || !redirect(argv[2], O_WRONLY | O_CREAT | O_TRUNC, STDERR_FILENO))
            _exit(126);
        execvp(argv[4], argv + 4);
        std::fprintf(stderr, "bench_spawn: %s: %s\n", argv[4], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("wait4");
            return 2;
        }
    }
    const double wallMs = static_cast<double>(realtimeNs() - launchNs) / 1e6;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::printf("{\"wall_ms\":%.3f,\"rss_kib\":%ld,\"rc\":%d}\n", wallMs, usage.ru_maxrss, code);
    return 0;
}
