#!/usr/bin/env bash
# Installs the system packages Mesos-TS's tests and tools need on Debian 12. Idempotent; run as
# root (CI does). Node 20 and npm are expected on the machine already.
set -euo pipefail

packages=(
  build-essential python3   # node-gyp builds the zookeeper client binding
  procps                    # ps/pkill, used by tests to check no process is left behind
  curl ca-certificates
  zookeeper                 # a real ZooKeeper server for election/registry integration tests (src/testing/zookeeper.ts)
  docker.io                 # the Docker engine the docker containerizer's tests run against
  busybox-static            # the static busybox the local test image is built from (src/testing/docker-images.ts)
  util-linux                # unshare: pid/mount namespaces for the linux containerizer
  chromium                  # the headless browser the web UI's integration test drives (playwright-core, no browser download)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all system packages present" >&2
fi

node --version | grep -qE '^v(2[0-9])\.' || { echo "install-deps: Node 20 or newer is required (found $(node --version))" >&2; exit 1; }
