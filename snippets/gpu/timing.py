"""Timing one large matrix product on the CPU and on the GPU, in one run on one machine.

CPU builds never run this file; they show its capture, timing.capture.json, made by scripts/capture_cuda.py.
"""
# snippet: requires="cuda" timeout="300"

# %% setup
import os
import time

import torch

# The build runs every snippet on one CPU thread; a fair comparison gives the CPU all the cores it may use.
torch.set_num_threads(len(os.sched_getaffinity(0)))
a = torch.randn(4096, 4096)
b = torch.randn(4096, 4096)
a_gpu, b_gpu = a.to("cuda"), b.to("cuda")


def best_ms(work, repeat=5):
    """The fastest of several runs, in milliseconds, after one warm-up run."""
    work()
    times = []
    for _ in range(repeat):
        torch.cuda.synchronize()  # start the clock with no GPU work still pending
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000

# %% matmul
def on_cpu():
    a @ b


def on_gpu():
    a_gpu @ b_gpu
    torch.cuda.synchronize()  # wait until the GPU has finished


cpu_ms = best_ms(on_cpu)
gpu_ms = best_ms(on_gpu)
print(f"CPU ({torch.get_num_threads()} threads): {cpu_ms:9.2f} ms")
print(f"GPU: {gpu_ms:9.2f} ms")
print(f"GPU speed-up: {cpu_ms / gpu_ms:.0f}x")

# %% no-sync
def launch_only():
    a_gpu @ b_gpu  # returns as soon as the work is queued


print(f"GPU without synchronize: {best_ms(launch_only):.3f} ms")
