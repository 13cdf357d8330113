"""One wrk run over a list of paths, with how many requests it made against how many distinct
URLs it had. Each of wrk's threads takes its own share of the list (every n-th path), so two
threads never ask for the same URL; a thread that reaches the end of its share starts again,
and the repeats are counted, so a row meant to ask each URL once can fail loudly."""

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass

THREADS = 2

LUA = """
paths = {%(paths)s}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  mine = {}
  for k = id, #paths, %(threads)d do mine[#mine + 1] = paths[k] end
  share = #mine
  i = 0
  issued = 0
end

request = function()
  issued = issued + 1
  i = i %% #mine + 1
  return wrk.format("GET", mine[i])
end

function done(summary, latency, requests)
  local issued, repeated = 0, 0
  for _, thread in ipairs(threads) do
    local n, share = thread:get("issued"), thread:get("share")
    issued = issued + n
    if n > share then repeated = repeated + n - share end
  end
  io.write(string.format("issued %%d repeated %%d\\n", issued, repeated))
end
"""


@dataclass
class Result:
    rate: float  # requests/s
    p50: float  # ms
    p99: float  # ms
    errors: int
    requests: int  # requests wrk asked for (one more than it sent: it checks its script once)
    urls: int  # distinct URLs it had
    repeated: int  # requests for a URL this run had already asked for


def parse(output, urls):
    """A Result from wrk's output with the script's "issued N repeated N" line."""

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    issued, repeated = (int(n) for n in re.search(r"issued (\d+) repeated (\d+)", output).groups())
    return Result(rate, latency(50), latency(99), errors, issued, urls, repeated)


def run(paths, seconds, connections, port):
    """One wrk run: THREADS threads, `connections` connections, `seconds` seconds."""
    paths = list(paths)
    if len(paths) < THREADS:
        paths = paths * THREADS  # one page for both threads (home, the static file)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "threads": THREADS})
    try:
        output = subprocess.run(
            ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency"]
            + ["-s", script.name, f"http://127.0.0.1:{port}/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    return parse(output, len(set(paths)))
