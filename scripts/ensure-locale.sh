#!/usr/bin/env bash
# Makes a locale available (the reproducibility tests render under de_DE.UTF-8, whose decimal
# comma must never reach a file). Needs root, like the package installs; otherwise says what to run.
set -euo pipefail
locale="${1:?usage: scripts/ensure-locale.sh LOCALE (e.g. de_DE.UTF-8)}"
normalized=$(echo "$locale" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
if locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | grep -qx "$normalized"; then exit 0; fi
language="${locale%%.*}"
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need the locale $locale. Create it with:" >&2
  echo "  sudo apt-get install -y locales && sudo localedef -i $language -f UTF-8 $locale" >&2
  exit 1
fi
scripts/install-deps.sh locales
localedef -i "$language" -f UTF-8 "$locale"
