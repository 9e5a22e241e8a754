#!/usr/bin/env bash
# Installs the third-party clients the wire-compatibility tests run against: Confluent's Python client (with its
# Avro serializer) and kcat. Debian packages; needs root (or sudo). Safe to run again.
set -euo pipefail
packages=(python3-confluent-kafka python3-avro python3-requests kcat)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test tools already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
