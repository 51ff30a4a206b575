#!/usr/bin/env bash
# Debian packages the tests and PDFs need: Chromium, CJK fonts, poppler, Java (HTML validator), Node.
# Installs whatever is missing (as root, or with password-less sudo), or says exactly what to install.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || need+=(chromium)
# No `fc-list | grep -q`: grep -q quits at the first match, fc-list dies of SIGPIPE, and under
# pipefail the fonts would count as missing. Ask fontconfig for the family instead.
if ! have fc-list; then
  need+=(fontconfig fonts-noto-cjk)
elif [ -z "$(fc-list 'Noto Sans CJK SC' family 2>/dev/null)" ]; then
  need+=(fonts-noto-cjk)
fi
have pdftoppm && have pdftotext && have pdffonts && have pdfinfo || need+=(poppler-utils)
have java || need+=(default-jre-headless)
have node || need+=(nodejs)
have npm || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  # CI runners (GitHub's ubuntu images) are not root but have password-less sudo.
  if have sudo && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
echo "Installing system packages: ${need[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
