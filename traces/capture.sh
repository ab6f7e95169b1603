#!/usr/bin/env bash
# Captures traces/loopback-calibration.pcap.gz: LoopbackClient.java's traffic on loopback, inside a
# network namespace this script creates (nothing on the host changes), with Debian's tcpdump.
# The port range is narrowed to 40000-40999 inside the namespace so that the client runs out of ports.
# Usage (as root, one benchmark at a time on the machine):
#   flock /work/bench.lock traces/capture.sh [RATE] [SECONDS]
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RATE="${1:-100}"
SECONDS_="${2:-25}"
OUT="$DIR/loopback-calibration.pcap"
unshare -n bash -c "
  set -euo pipefail
  ip link set lo up
  sysctl -q -w net.ipv4.ip_local_port_range='40000 40999'
  tcpdump -Z root -q -i lo -s 96 -U -w '$OUT' 'tcp' 2>/dev/null &
  dump=\$!
  sleep 1
  uname -r
  java '$DIR/LoopbackClient.java' $RATE $SECONDS_ 8080 8081
  sleep 1
  kill \$dump
  wait \$dump || true
"
gzip -9 -f "$OUT"
ls -la "$OUT.gz"
