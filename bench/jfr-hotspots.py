#!/usr/bin/env python3
"""Where a JFR recording's Java CPU samples went (jdk.ExecutionSample): the share of samples that pass through each
area below (a sample may count in several: the state store includes the H2 commit), then the hottest frames.
Usage: bench/jfr-hotspots.py target/bench/bridge-c1.jfr [TOP]   (record with JFR=true bench/migration-throughput.sh)
JIT compiler and GC threads are not sampled here; the benchmark prints their CPU apart."""
import collections, json, subprocess, sys

AREAS = [  # (name, substring of a frame "package.Class.method")
    ("state store (JdbcStateStore)", "io.ticketbridge.state.JdbcStateStore."),
    ("  of which H2 commit", "org.h2.engine.SessionLocal.commit"),
    ("vendor HTTP calls (VendorHttp)", "io.ticketbridge.connector.VendorHttp.once"),
    ("  of which camel-http producer", "org.apache.camel.component.http.HttpProducer.process"),
    ("  of which Apache HttpClient", "org.apache.hc.client5.http.impl.classic.CloseableHttpClient.execute"),
    ("JSON (Jackson)", "com.fasterxml.jackson."),
    ("mapping to canonical (TicketMapper)", "TicketMapper.map"),
    ("fingerprint (SHA-256 of canonical JSON)", "io.ticketbridge.connector.VendorSource.fingerprint"),
    ("HTML to text (HtmlText)", "io.ticketbridge.connector.HtmlText."),
    ("logging (log4j)", "org.apache.logging.log4j."),
    ("Camel type converters", "org.apache.camel.impl.converter."),
]

def frame(f):
    m = f["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]

def main():
    path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    stacks = [[frame(f) for f in e["values"]["stackTrace"]["frames"]] for e in events if e["values"]["stackTrace"]["frames"]]
    n = len(stacks)
    print(f"{n} samples in {path}")
    for name, needle in AREAS:
        hits = sum(1 for s in stacks if any(needle in f for f in s))
        print(f"{100 * hits / n:5.1f}%  {name}")
    own = collections.Counter(s[0] for s in stacks)
    print(f"hottest frames (self):")
    for f, c in own.most_common(top):
        print(f"{100 * c / n:5.1f}%  {f}")

if __name__ == "__main__":
    main()
