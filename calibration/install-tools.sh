#!/usr/bin/env bash
# Installs what `./portbench calibrate` needs (network namespaces, veth pairs, nftables NAT) from
# Debian's packages when a tool is missing: util-linux (unshare, nsenter), iproute2 (ip), nftables
# (nft), conntrack (conntrack). Needs root and apt-get; does nothing when everything is there.
set -euo pipefail
missing=()
command -v unshare >/dev/null || missing+=(util-linux)
command -v nsenter >/dev/null || missing+=(util-linux)
command -v ip >/dev/null || missing+=(iproute2)
command -v nft >/dev/null || missing+=(nftables)
command -v conntrack >/dev/null || missing+=(conntrack)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-tools.sh: missing ${missing[*]}; install them (Debian: apt-get install -y ${missing[*]}) as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u)
