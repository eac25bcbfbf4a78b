"""How many CPUs does Python see, and how many may this process use?

os.cpu_count() counts the logical CPUs of the machine (hardware threads, not cores). A process can be
limited to fewer: by CPU affinity (taskset, container cpusets). os.sched_getaffinity(0) (Linux) gives
the set this process may run on; Python 3.13 added os.process_cpu_count(), which is the portable way
to ask the same question. None of these sees CPU quotas (a container limited to "1.5 CPUs").
"""
import os

print(f"os.cpu_count(): {os.cpu_count()}")

if hasattr(os, "sched_getaffinity"):
    print(f"len(os.sched_getaffinity(0)): {len(os.sched_getaffinity(0))}")

# Python 3.13+; on older versions, say so instead of failing.
process_cpu_count = getattr(os, "process_cpu_count", None)
if process_cpu_count is not None:
    print(f"os.process_cpu_count(): {process_cpu_count()}")
else:
    print("os.process_cpu_count(): needs Python 3.13")
