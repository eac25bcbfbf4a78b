"""What it costs to pickle a large object, the way multiprocessing does for every argument and result.

Sending a Python object to another process means serializing it to bytes (pickle.dumps), copying
the bytes through a pipe, and building a new object from them on the other side (pickle.loads).
This program times the two ends for a list of a million small records, without any process: the
serialization alone. Then the same for one bytes object of the same size: the cost is in the
number of objects, not in the number of bytes.
"""
import pickle
import time

records = [(i, i * 0.5, f"item-{i}") for i in range(1_000_000)]

t0 = time.perf_counter()
data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
t1 = time.perf_counter()
copy = pickle.loads(data)
t2 = time.perf_counter()

assert copy == records and copy is not records  # a new, equal object: a copy, not a share
print(f"1000000 records pickled to {len(data) / 1e6:.1f} MB")
print(f"dumps {1000 * (t1 - t0):.0f} ms, loads {1000 * (t2 - t1):.0f} ms")

blob = bytes(len(data))
t0 = time.perf_counter()
blob_data = pickle.dumps(blob, protocol=pickle.HIGHEST_PROTOCOL)
t1 = time.perf_counter()
pickle.loads(blob_data)
t2 = time.perf_counter()
print(f"one bytes object of {len(blob) / 1e6:.1f} MB: dumps {1000 * (t1 - t0):.0f} ms, loads {1000 * (t2 - t1):.0f} ms")
