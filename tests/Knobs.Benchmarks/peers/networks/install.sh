#!/usr/bin/env bash
# Installs the peers of the `networks` benchmark suite: PyTorch (Debian python3-torch) and
# onnxruntime-node (npm, --ignore-scripts: the package bundles its native library, no download step).
set -euo pipefail
cd "$(dirname "$0")"
if ! /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy >/dev/null
fi
if [ ! -d node_modules/onnxruntime-node ]; then
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'
node -e 'console.log("onnxruntime-node", require("onnxruntime-node/package.json").version)'
