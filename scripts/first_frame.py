#!/usr/bin/env python3
"""Time from starting `tutor` to its first full frame, in a pseudo-terminal.

Usage: scripts/first_frame.py [path/to/tutor] [runs] [tutor arguments ...]
Starts the tutor in a 100x30 pty (TERM=xterm-256color), reads its output until the home
screen's last line has been drawn, presses q, and prints the median, min and max over the runs.
Build it first in release mode: swift build -c release
"""
import fcntl, os, pty, select, statistics, struct, subprocess, sys, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/tutor"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
extra = sys.argv[3:]
marker = b"quit"  # the footer's last word, drawn last on the home screen

def one_run():
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    start = time.perf_counter()
    proc = subprocess.Popen([binary] + extra, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True)
    os.close(slave)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    os.write(master, b"q")
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
    os.close(master)
    if elapsed is None:
        raise SystemExit("the first frame never appeared")
    return elapsed * 1000

times = [one_run() for _ in range(runs)]
print(f"first frame over {runs} starts: median {statistics.median(times):.1f} ms, "
      f"min {min(times):.1f} ms, max {max(times):.1f} ms")
