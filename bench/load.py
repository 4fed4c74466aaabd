"""A small load generator: ``clients`` threads each requesting pages in turn for ``seconds``.

Standard library only. Each client keeps its own HTTP connection (gunicorn's sync workers close it
after every response; http.client opens a new one for the next request, as a browser would).
A request that fails to connect, or answers with another status than the expected one, is an error.
"""

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list = field(default_factory=list)
    errors: int = 0
    failures: Counter = field(default_factory=Counter)  # what the errors were: a status code or an exception
    cache: Counter = field(default_factory=Counter)  # X-Cache header values ("hit", "miss"), when present

    @property
    def requests(self):
        return len(self.latencies_ms) + self.errors

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share):
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def p50(self):
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95(self):
        return self.percentile(0.95)

    @property
    def hit_share(self):
        """The share of ``X-Cache: hit`` answers, or None when the server sends no such header."""
        answered = sum(self.cache.values())
        return self.cache["hit"] / answered if answered else None


def generate_load(host, port, paths, clients=4, seconds=10.0, headers=None, expected_status=200, timeout=30):
    """Request ``paths`` round-robin from ``clients`` threads for ``seconds``; every client starts at
    another path so that a mix of pages is in flight at once."""
    result = LoadResult(seconds=seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index):
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        number = index
        while time.monotonic() < deadline:
            path = paths[number % len(paths)]
            number += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                with lock:
                    result.errors += 1
                    result.failures[type(error).__name__] += 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            cache = response.getheader("X-Cache")
            with lock:
                if response.status == expected_status:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    result.failures[response.status] += 1
                if cache:
                    result.cache[cache.lower()] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result
