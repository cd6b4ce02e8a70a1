"""Shared helpers for the reliability harnesses (Python standard library only).

Each harness records named checks with Checks.check(name, ok, detail) and ends with
Checks.finish(), which prints `N passed, M failed` and returns the exit code (1 if M > 0).
"""
import os
import pwd
import subprocess

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "SUMMARY: AddressSanitizer", "SUMMARY: UndefinedBehaviorSanitizer",
                   "AddressSanitizer:DEADLYSIGNAL", "internal error")


class Run:
    """The outcome of one ergraph process."""

    def __init__(self, argv, code, out, err):
        self.argv, self.code, self.out, self.err = argv, code, out, err

    @property
    def signalled(self):
        return self.code is not None and self.code < 0

    @property
    def sanitizer(self):
        text = self.err.decode("utf-8", "replace") if isinstance(self.err, bytes) else self.err
        return any(m in text for m in SANITIZER_MARKS)

    @property
    def crashed(self):
        """Died of a signal, printed a sanitizer report or an internal error (a crash either way),
        or exited with a code outside the documented 0-3."""
        return self.signalled or self.sanitizer or self.code not in (0, 1, 2, 3)

    def text(self):
        return self.out.decode("utf-8", "replace")

    def errtext(self):
        return self.err.decode("utf-8", "replace")

    def describe(self):
        return "exit %s: %s\n    stderr: %s" % (self.code, " ".join(map(str, self.argv[1:])),
                                                self.errtext()[-600:].replace("\n", "\n    "))


def sanitizer_env():
    env = dict(os.environ)
    # halt on the first report; keep leak checking (a leak report is a finding too)
    env.setdefault("ASAN_OPTIONS", "abort_on_error=0:halt_on_error=1:detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env.pop("ERGRAPH_DB", None)
    return env


def ergraph(exe, db, *args, stdin=None, timeout=120, stdout=None, cwd=None):
    argv = [exe] + (["--db", db] if db is not None else []) + [str(a) for a in args]
    try:
        p = subprocess.run(argv, input=stdin, stdout=stdout if stdout is not None else subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=sanitizer_env(), cwd=cwd)
        return Run(argv, p.returncode, p.stdout or b"", p.stderr)
    except subprocess.TimeoutExpired as e:
        return Run(argv, "timeout", e.stdout or b"", (e.stderr or b"") + b"\n[timed out]")


def nobody_user():
    """The `nobody` user's passwd entry, or None when there is none."""
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None


def as_user(exe, db, args, uid, gid, timeout=120):
    """An ergraph command run as another user (permission bits bind it, as they do not root)."""
    argv = [exe, "--db", db] + list(args)

    def drop():
        os.setgid(gid)
        os.setuid(uid)
    p = subprocess.run(argv, capture_output=True, env=sanitizer_env(), preexec_fn=drop,
                       timeout=timeout, cwd="/")
    return Run(argv, p.returncode, p.stdout, p.stderr)


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("PASS %s" % name, flush=True)
        else:
            self.failed += 1
            print("FAIL %s%s" % (name, ("\n    " + detail.replace("\n", "\n    ")) if detail else ""),
                  flush=True)
        return ok

    def skip(self, name, why):
        print("SKIP %s: %s" % (name, why), flush=True)

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        return 1 if self.failed else 0
