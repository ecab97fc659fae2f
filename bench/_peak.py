"""Run a module as `python -m` would, then report this process's own peak RSS (VmHWM) on stderr.

ru_maxrss of a child counts the parent's memory it was forked from, so a benchmark that ran an import
in-process first would see that in every child; VmHWM belongs to the program after exec alone.
"""

import atexit
import runpy
import sys


def _report() -> None:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write(f"\nnetcrm-bench-peak-kib {line.split()[1]}\n")


atexit.register(_report)
module = sys.argv[1]
sys.argv = [module, *sys.argv[2:]]
runpy.run_module(module, run_name="__main__", alter_sys=True)
