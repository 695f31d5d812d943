#!/usr/bin/env bash
# fetch-fashion-mnist.sh: puts the four Fashion-MNIST IDX files into datasets/fashion-mnist/ (or $1).
#
# Fashion-MNIST comes from the Debian package dataset-fashion-mnist, which installs the original .gz files
# under /usr/share/datasets/fashion-mnist/. This script
#   1. uses that folder if the package is already installed;
#   2. otherwise installs the package (as root, or with password-less sudo);
#   3. otherwise downloads the .deb with `apt-get download` and unpacks it into a temporary folder (no root);
# then copies the files and checks their SHA-256 sums.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:-$here/fashion-mnist}"
pkg=dataset-fashion-mnist
src=/usr/share/datasets/fashion-mnist
files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)

have_all() {
  local f
  for f in "${files[@]}"; do [[ -f "$1/$f" ]] || return 1; done
}

tmp=""
cleanup() { if [[ -n "$tmp" ]]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

if ! have_all "$src"; then
  if [[ $(id -u) == 0 ]]; then
    echo "installing $pkg with apt-get..." >&2
    apt-get install -y "$pkg" >&2 || { apt-get update >&2 && apt-get install -y "$pkg" >&2; }
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "installing $pkg with sudo apt-get..." >&2
    sudo apt-get install -y "$pkg" >&2
  else
    echo "not root: downloading $pkg with apt-get download and unpacking it..." >&2
    command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
      || { echo "error: needs apt-get and dpkg-deb (Debian/Ubuntu); see datasets/README.md for other sources" >&2; exit 1; }
    tmp="$(mktemp -d)"
    (cd "$tmp" && apt-get download "$pkg" >&2)
    dpkg-deb -x "$tmp"/${pkg}_*.deb "$tmp/root"
    src="$tmp/root/usr/share/datasets/fashion-mnist"
  fi
fi
have_all "$src" || { echo "error: $pkg did not provide the IDX files under $src" >&2; exit 1; }

mkdir -p "$dest"
for f in "${files[@]}"; do cp "$src/$f" "$dest/$f"; done
cat > "$dest/SHA256SUMS" <<'SUMS'
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz
b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz
SUMS
(cd "$dest" && sha256sum --quiet -c SHA256SUMS) || { echo "error: checksum mismatch in $dest" >&2; exit 1; }
echo "Fashion-MNIST is in $dest"
