/*
 * skiff-init: the first image of a container's PID 1.
 *
 * The daemon has already created the namespaces and mounted the rootfs (everything but /proc).
 * Only a process inside the new PID namespace can mount its /proc, so this program does that,
 * moves into the rootfs, drops to the container's credentials and capabilities and execs the
 * program the daemon resolved. Any failure is written to fd 3 as {stage, errno} (two int32) and
 * the program exits 1; a successful execve closes fd 3 (close-on-exec), which the daemon reads as
 * success. The daemon runs this program from a memfd passed as fd 4, closed first thing here.
 *
 * argv: rootfs cwd uid gid gids(csv) capmask(hex) cgroup-procs-file-or-empty masked-paths
 *       read-only-paths path argv0 [args...]   (path lists are ':'-separated, absolute)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Stages; keep in sync with dev.skiff.runtime.spawn.InitStage. */
enum { MOUNT_PROC = 1, PIVOT_ROOT, MAKE_CWD, CHDIR_CWD, CGROUP, CAPABILITIES, CREDENTIALS, EXEC, MASK_PATHS };

#define REPORT_FD 3
#define PROGRAM_FD 4
#define MAX_GROUPS 256

static void fail(int stage)
{
	int rec[2] = { stage, errno };
	if (write(REPORT_FD, rec, sizeof rec) < 0) {
		/* the daemon then sees EOF and the exit status 1 */
	}
	_exit(1);
}

/* mkdir -p, root-owned 0755, as dockerd does for the working directory */
static int make_dirs(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);
	if (n >= sizeof buf)
		return errno = ENAMETOOLONG, -1;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0755) < 0 && errno != EEXIST)
				return -1;
			if (c == '\0')
				return 0;
			*p = c;
		}
	}
}

/* cgroup v2: join the container's group, then give the container its own cgroup namespace rooted
 * there (mounted at /sys/fs/cgroup once /proc is up), as docker does on v2 hosts. */
static void join_cgroup(const char *procs)
{
	int fd = open(procs, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "0", 1) != 1)
		fail(CGROUP);
	close(fd);
	if (unshare(CLONE_NEWCGROUP) < 0)
		fail(CGROUP);
}

/* Hides kernel interfaces: /dev/null over files, an empty read-only tmpfs over directories.
 * Paths the kernel does not have are skipped. Runs in the rootfs, before pivot_root. */
static void mask_paths(char *list)
{
	char *save = NULL;
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		const char *rel = p + 1;
		if (mount("dev/null", rel, NULL, MS_BIND, NULL) == 0 || errno == ENOENT)
			continue;
		if (errno != ENOTDIR || mount("tmpfs", rel, "tmpfs", MS_RDONLY, "size=0") < 0)
			fail(MASK_PATHS);
	}
}

static void make_read_only(char *list)
{
	char *save = NULL;
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		const char *rel = p + 1;
		if (mount(rel, rel, NULL, MS_BIND | MS_REC, NULL) < 0) {
			if (errno == ENOENT)
				continue;
			fail(MASK_PATHS);
		}
		if (mount(NULL, rel, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
			  NULL) < 0)
			fail(MASK_PATHS);
	}
}

/* The bounding set limits what any later execve can gain; dropping it needs CAP_SETPCAP, so this
 * runs while still root. */
static void limit_bounding_set(unsigned long long keep)
{
	for (int cap = 0; cap <= 63; cap++) {
		if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			fail(CAPABILITIES);
	}
}

/* For uid 0 the kept set becomes effective and permitted; setresuid to any other uid has already
 * cleared every capability. */
static void set_capabilities(unsigned long long keep)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = {
		{ (unsigned)keep, (unsigned)keep, 0 },
		{ (unsigned)(keep >> 32), (unsigned)(keep >> 32), 0 },
	};
	if (syscall(SYS_capset, &hdr, data) < 0)
		fail(CAPABILITIES);
}

static void set_credentials(const char *uid, const char *gid, const char *gids)
{
	gid_t groups[MAX_GROUPS];
	int n = 0;
	for (const char *p = gids; *p; n++) {
		char *end;
		if (n == MAX_GROUPS) {
			errno = E2BIG;
			fail(CREDENTIALS);
		}
		groups[n] = (gid_t)strtoul(p, &end, 10);
		p = *end == ',' ? end + 1 : end;
	}
	gid_t g = (gid_t)strtoul(gid, NULL, 10);
	uid_t u = (uid_t)strtoul(uid, NULL, 10);
	if (syscall(SYS_setgroups, n, groups) < 0 || syscall(SYS_setresgid, g, g, g) < 0 ||
	    syscall(SYS_setresuid, u, u, u) < 0)
		fail(CREDENTIALS);
}

int main(int argc, char **argv)
{
	close(PROGRAM_FD);
	if (argc < 12)
		return 2;
	const char *rootfs = argv[1], *cwd = argv[2], *cgroup = argv[7], *path = argv[10];

	if (*cgroup)
		join_cgroup(cgroup);
	if (chdir(rootfs) < 0)
		fail(PIVOT_ROOT);
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		fail(MOUNT_PROC);
	if (*cgroup && mount("cgroup2", "sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) < 0)
		fail(CGROUP);
	mask_paths(argv[8]);
	make_read_only(argv[9]);
	/* pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves the rootfs. */
	if (syscall(SYS_pivot_root, ".", ".") < 0 || umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		fail(PIVOT_ROOT);
	if (make_dirs(cwd) < 0)
		fail(MAKE_CWD);
	unsigned long long keep = strtoull(argv[6], NULL, 16);
	limit_bounding_set(keep);
	set_credentials(argv[3], argv[4], argv[5]);
	if (strtoul(argv[3], NULL, 10) == 0)
		set_capabilities(keep);
	if (chdir(cwd) < 0)
		fail(CHDIR_CWD);
	if (fcntl(REPORT_FD, F_SETFD, FD_CLOEXEC) < 0)
		fail(EXEC);
	execv(path, argv + 11);
	fail(EXEC);
	return 1;
}
